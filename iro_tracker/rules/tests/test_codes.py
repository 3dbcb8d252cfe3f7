import pytest

from iro_tracker.rules import codes
from iro_tracker.rules.codes import Code, CodeList


def test_choices_keep_retired_codes_labelled_with_their_code():
    choices = dict(codes.PLACEMENT.choices())
    assert choices["P2"] == "P2: Independent living"
    assert choices["H5"].startswith("H5: ")
    assert "Z11" in choices


def test_choices_follow_definition_order():
    assert [c for c, _ in codes.SEX.choices()] == ["1", "2", "M", "F", "U"]


def test_label_of_unknown_code_is_the_code_itself():
    assert codes.LEGAL_STATUS.label("C2") == "Full care order"
    assert codes.LEGAL_STATUS.label("ZZ") == "ZZ"


def test_contains_means_known_in_any_year():
    assert "P2" in codes.PLACEMENT
    assert "XX" not in codes.PLACEMENT
    assert 1 not in codes.SEX


def test_p2_is_retired_from_2023_because_it_was_invalid_from_28_october_2023():
    assert codes.PLACEMENT.status("P2", 2022) == "valid"
    assert codes.PLACEMENT.status("P2", 2023) == "retired"


def test_h5_valid_to_2023_and_k3_valid_from_2023():
    assert codes.PLACEMENT.status("H5", 2023) == "valid"
    assert codes.PLACEMENT.status("H5", 2024) == "retired"
    assert codes.PLACEMENT.status("K3", 2022) == "not_yet"
    assert codes.PLACEMENT.status("K3", 2023) == "valid"


def test_z1_replaced_by_z11_to_z14_in_2025():
    assert codes.PLACEMENT.is_valid("Z1", 2024)
    assert not codes.PLACEMENT.is_valid("Z1", 2025)
    assert codes.PLACEMENT.status("Z12", 2024) == "not_yet"
    assert codes.PLACEMENT.is_valid("Z12", 2025)


def test_status_without_year_is_valid_for_any_known_code():
    assert codes.PLACEMENT.status("P2") == "valid"
    assert codes.PLACEMENT.status("Z14") == "valid"
    assert codes.PLACEMENT.status("Q9") == "unknown"
    assert codes.PLACEMENT.status("Q9", 2020) == "unknown"


def test_codes_for_a_year_exclude_retired_and_future_codes():
    year_2025 = codes.PLACEMENT.codes(2025)
    assert {"H5", "P2", "Z1"}.isdisjoint(year_2025)
    assert {"K3", "Z11", "Z12", "Z13", "Z14"} <= set(year_2025)
    year_2019 = codes.PLACEMENT.codes(2019)
    assert {"H5", "P2", "Z1"} <= set(year_2019)
    assert {"K3", "Z11"}.isdisjoint(year_2019)
    assert len(codes.PLACEMENT.codes()) == len(codes.PLACEMENT)


def test_sex_switches_from_1_2_to_m_f_u_in_2024():
    assert codes.SEX.codes(2023) == ["1", "2"]
    assert codes.SEX.codes(2024) == ["M", "F", "U"]


def test_sex_code_for_year_normalises_old_numeric_codes():
    assert codes.sex_code_for_year("1", 2018) == "M"
    assert codes.sex_code_for_year(2, 2023) == "F"
    assert codes.sex_code_for_year("u", 2024) == "U"
    assert codes.sex_code_for_year("1") == "M"
    assert codes.sex_code_for_year("F") == "F"


def test_sex_code_for_year_rejects_codes_not_valid_that_year():
    assert codes.sex_code_for_year("1", 2024) is None
    assert codes.sex_code_for_year("M", 2023) is None
    assert codes.sex_code_for_year("3") is None


def test_ethnicity_has_18_groups_plus_refused_and_not_obtained():
    assert len(codes.ETHNICITY) == 20
    assert codes.ETHNICITY_NOT_KNOWN <= set(codes.ETHNICITY.codes())
    assert "CHNE" in codes.ETHNICITY
    assert "CNHE" not in codes.ETHNICITY  # misspelt in one source


def test_legal_status_and_placement_lists_are_complete():
    assert codes.LEGAL_STATUS.codes() == [
        "C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3",
    ]  # fmt: skip
    assert len(codes.PLACEMENT) == 32
    assert len(codes.REC) == 22
    assert len(codes.REASON_PLACE_CHANGE) == 12


def test_late_reasons_are_the_units_list():
    assert codes.LATE_REASON.codes() == [
        "SCHEDULING", "BEST_INTERESTS", "PARTY_UNAVAILABLE", "TRAVEL", "CAPACITY",
        "PRACTICE", "OTHER",
    ]  # fmt: skip
    assert codes.LATE_REASON.label("OTHER") == "Other (give details)"


def test_participation_measure_leaves_out_under_fours():
    assert "PN0" not in codes.PARTICIPATION_ELIGIBLE
    assert "PN7" in codes.PARTICIPATION_ELIGIBLE
    assert "PN7" not in codes.PARTICIPATED
    assert codes.PARTICIPATED < codes.PARTICIPATION_ELIGIBLE


def test_sw_reason_only_exists_from_2023():
    assert not codes.SW_REASON.is_valid("MANAGE", 2022)
    assert codes.SW_REASON.is_valid("MANAGE", 2023)


@pytest.mark.parametrize(
    ("group", "code_list"),
    [
        (codes.SHORT_BREAK_LEGAL_STATUSES, codes.LEGAL_STATUS),
        (codes.TEMPORARY_PLACEMENTS, codes.PLACEMENT),
        (codes.FOSTER_PLACEMENTS, codes.PLACEMENT),
        (codes.PARTICIPATION_ELIGIBLE, codes.PARTICIPATION),
        (codes.NOT_BME, codes.ETHNICITY),
        (codes.ADOPTED_REC, codes.REC),
        (codes.CEASED_18_FORMAL, codes.REC),
    ],
)
def test_code_groups_only_name_codes_in_their_list(group, code_list):
    assert all(code in code_list for code in group)


def test_every_label_is_plain_ascii():
    lists = [v for v in vars(codes).values() if isinstance(v, CodeList)]
    assert len(lists) == 18
    for code_list in lists:
        for item in code_list:
            assert item.label.isascii(), (code_list.name, item.code)


def test_duplicate_codes_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        CodeList("X", [Code("A", "a"), Code("A", "b")])
