"""Every finding fires on a small hand-made variant of the clean 2018 return, and none
fires on the clean return itself."""

from datetime import date

import pytest

from iro_tracker.rules import codes
from iro_tracker.ssda903.checks import check_child, check_year, code_problem
from iro_tracker.ssda903.tables import Child, Episode, Review
from iro_tracker.ssda903.tests.helpers import CLEAN, CLEAN_XML, only, read_one, variant

H, E, R, U = "header.csv", "episodes.csv", "reviews.csv", "uasc.csv"
A1_FIRST = "A1,01/03/2018,S,C2,N1,U4,PR1,01/09/2018,X1,CARPL"
A1_NEXT = "A1,01/09/2018,P,C2,N1,U6,PR4,,,"
A2_EP = "A2,10/05/2018,S,C1,N2,U3,PR1,,,"
A3_EP = "A3,02/04/2018,S,V2,N1,U6,PR4,20/02/2019,E5"

# rule -> (edits to the clean return, files to add, the finding's file, row and column)
CASES = {
    "101": ([(H, "A1,1,", "A1,M,")], {}, (H, 2, "SEX")),
    "103": ([(H, "WBRI", "UNKN")], {}, (H, 2, "ETHNIC")),
    "143": ([(E, A2_EP, A2_EP.replace(",S,", ",X,"))], {}, (E, 4, "RNE")),
    "144": ([(E, A2_EP, A2_EP.replace(",C1,", ",Z9,"))], {}, (E, 4, "LS")),
    "145": ([(E, A2_EP, A2_EP.replace(",N2,", ",N9,"))], {}, (E, 4, "CIN")),
    "146": ([(E, A2_EP, A2_EP.replace(",U3,", ",K3,"))], {}, (E, 4, "PLACE")),  # from 2023
    "149": ([(E, A3_EP, A3_EP.replace("E5", "E99"))], {}, (E, 5, "REC")),
    "178": ([(E, A2_EP, A2_EP.replace("PR1", "PR9"))], {}, (E, 4, "PLACE_PROVIDER")),
    "1009": ([(E, "X1,CARPL", "X1,BORED")], {}, (E, 2, "REASON_PLACE_CHANGE")),
    "167": ([(R, "20/10/2018,PN6", "20/10/2018,PN9")], {}, (R, 3, "REVIEW_CODE")),
    "440": ([(R, "20/10/2018,PN6", "20/10/2018,PN0")], {}, (R, 3, "REVIEW_CODE")),
    "441": ([(R, "01/06/2018,PN0", "01/06/2018,PN1")], {}, (R, 4, "REVIEW_CODE")),
    "399": ([], {R: "A4,05/05/2012,07/06/2018,PN1\n"}, (R, 7, "REVIEW")),
    "Q-REVIEW-OUTSIDE": ([(R, "01/06/2018,PN0", "01/05/2018,PN0")], {}, (R, 4, "REVIEW")),
    "Q-REVIEW-YEAR": ([(R, "20/10/2018,PN6", "20/10/2019,PN6")], {}, (R, 3, "REVIEW")),
    "142": ([(E, A1_FIRST, "A1,01/03/2018,S,C2,N1,U4,PR1,,,")], {}, (E, 3, "DECOM")),
    "501": ([(E, A1_NEXT, A1_NEXT.replace("01/09/2018", "15/08/2018"))], {}, (E, 3, "DECOM")),
    "388": ([(E, A1_NEXT + ",AB1 2CD,GH5 6JK,1234567\n", "")], {}, (E, 2, "REC")),
    "356": ([(E, A2_EP, "A2,10/05/2018,S,C1,N2,U3,PR1,01/05/2018,E13,")], {}, (E, 4, "DEC")),
    "355": ([(E, A2_EP, "A2,10/05/2018,S,C1,N2,U3,PR1,10/05/2018,E13,")], {}, (E, 4, "DEC")),
    "148": ([(E, A2_EP, "A2,10/05/2018,S,C1,N2,U3,PR1,,E13,")], {}, (E, 4, "DEC")),
    "357": ([(E, A2_EP, A2_EP.replace(",S,", ",P,"))], {}, (E, 4, "RNE")),
    "432": ([(E, "X1,CARPL", "E13,CARPL")], {}, (E, 3, "RNE")),
    "433": ([(E, A1_NEXT, A1_NEXT.replace("01/09/2018", "05/09/2018"))], {}, (E, 3, "DECOM")),
    "431": ([(E, A1_NEXT, A1_NEXT.replace(",P,", ",S,"))], {}, (E, 3, "RNE")),
    "504": ([(E, A1_NEXT, A1_NEXT.replace(",N1,", ",N2,"))], {}, (E, 3, "CIN")),
    "437": ([(E, "X1,CARPL", "E2,CARPL")], {}, (E, 2, "REC")),
    "353": ([(E, "A1,01/03/2018", "A1,01/03/1990")], {}, (E, 2, "DECOM")),
    "302": ([(E, "A2,10/05/2018", "A2,10/01/2016")], {}, (E, 4, "DECOM")),
    "352": (
        [
            (H, "A3,2,10/10/2001", "A3,2,10/10/1999"),
            (U, "10/10/2001,01/09/2018", "10/10/1999,01/09/2017"),
        ],
        {},
        (E, 5, "RNE"),
    ),
    "358": ([(E, A2_EP, A2_EP.replace(",C1,", ",J1,"))], {}, (E, 4, "LS")),
    "386": ([(H, "A3,2,10/10/2001", "A3,2,01/01/2001"), (E, "E5", "E11")], {}, (E, 5, "REC")),
    "407": ([(H, "A3,2,10/10/2001", "A3,2,01/01/2001"), (E, "E5", "E45")], {}, (E, 5, "REC")),
    "460": ([(E, "E5", "E17")], {}, (E, 5, "REC")),
    "387": ([(E, A2_EP, "A2,10/05/2018,S,C1,N2,U3,PR1,01/12/2018,E6,")], {}, (E, 4, "REC")),
    "389": ([(E, A2_EP, "A2,10/05/2018,S,C1,N2,U3,PR1,01/12/2018,E7,")], {}, (E, 4, "REC")),
    "385": ([(E, "20/02/2019,E5", "01/04/2019,E5")], {}, (E, 5, "DEC")),
    "354": ([(E, "A3,02/04/2018", "A3,02/04/2019")], {}, (E, 5, "DECOM")),
    "301": ([(H, "A4,1,05/05/2012", "A4,1,05/05/2019")], {}, (H, 5, "DOB")),
    "304": ([(U, "01/09/2018", "11/10/2019")], {}, (H, 4, "DUC")),
    "INT17": ([(R, "A3,10/10/2001", "A3,11/10/2001")], {}, (R, 6, "DOB")),
    "120": (
        [],
        {
            "placed_for_adoption.csv": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,"
            "REASON_PLACED_CEASED\nA1,15/06/2010,01/06/2018,01/07/2018,XXX\n"
        },
        ("placed_for_adoption.csv", 2, "REASON_PLACED_CEASED"),
    ),
    "131": ([], {"oc3.csv": "A3,10/10/2001,MAYBE,F1,B1\n"}, ("oc3.csv", 2, "IN_TOUCH")),
    "196": (
        [],
        {
            "oc2.csv": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,"
            "IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,"
            "INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n"
            "A1,15/06/2010,,SDQ9,0,0,1,1,1,0,0,0\n"
        },
        ("oc2.csv", 2, "SDQ_REASON"),
    ),
    "631": (
        [(("previous_permanence.csv"), "Z1", "P9")],
        {},
        ("previous_permanence.csv", 2, "PREV_PERM"),
    ),
    "1006": ([(("missing.csv"), ",M,", ",X,")], {}, ("missing.csv", 2, "MISSING")),
}


def test_the_clean_return_has_no_finding():
    assert check_year(read_one(CLEAN)) == []
    assert check_year(read_one(CLEAN_XML)) == []


@pytest.mark.parametrize("rule", CASES)
def test_each_rule_fires_on_a_hand_made_return(tmp_path, rule):
    edits, add, (file, row, column) = CASES[rule]
    cy = read_one(variant(tmp_path, tuple(edits), add=add))
    assert cy.problems.errors == []
    findings = only(check_year(cy) + cy.problems, rule)
    assert findings, f"rule {rule} did not fire"
    assert (findings[0].file, findings[0].row, findings[0].column) == (file, row, column)
    assert findings[0].severity == "finding" and findings[0].message


def test_uasc_dob_that_differs_from_the_header_is_a_reader_finding(tmp_path):
    cy = read_one(variant(tmp_path, [(U, "A3,2,10/10/2001", "A3,2,11/10/2001")]))
    (finding,) = cy.problems
    assert (finding.rule, finding.file, finding.value) == ("INT18", U, "11/10/2001")


def test_code_messages_say_when_a_code_was_valid():
    assert code_problem(codes.SEX, "1", 2024) == "SEX 1 was last valid in 2023-24, not 2024-25"
    assert (
        code_problem(codes.PLACEMENT, "K3", 2018) == "PLACE K3 is valid from 2023-24, not 2018-19"
    )
    assert (
        code_problem(codes.PLACEMENT, "Z1", 2025)
        == "PLACE Z1 was last valid in 2024-25, not 2025-26"
    )
    assert code_problem(codes.PLACEMENT, "Z11", 2025) is None
    assert code_problem(codes.SEX, "", 2018) == "SEX is blank"


# --- check_child on merged years -------------------------------------------------------

CHILD = Child("C1", "M", date(2012, 1, 1), "WBRI", "", "", None)


def _ep(decom, dec, rne="P", rec="X1", ls="C2", cin="N1"):
    return Episode("C1", decom, rne, ls, cin, "U4", "PR1", dec, rec if dec else "", "", "", "", "")


def test_an_episode_continued_into_the_next_year_is_one_period_without_findings():
    # 2018 closes the open episode in the 2019 file: merged, the chain is whole.
    eps = [_ep(date(2018, 6, 1), date(2019, 5, 1), rne="S"), _ep(date(2019, 5, 1), None)]
    reviews = [
        Review("C1", None, date(2018, 6, 20), "PN1"),
        Review("C1", None, date(2019, 6, 1), "PN1"),
    ]
    assert check_child(CHILD, eps, reviews, first_year=2018) == []


def test_rule_357_only_for_episodes_starting_in_the_loaded_years():
    eps = [_ep(date(2016, 6, 1), None, rne="P")]
    assert check_child(CHILD, eps, [], first_year=2018) == []
    assert check_child(CHILD, eps, []) == []
    assert [p.rule for p in check_child(CHILD, eps, [], first_year=2015)] == ["357"]


def test_pn0_on_the_fourth_birthday_is_rule_440_and_the_day_before_is_not():
    eps = [_ep(date(2015, 6, 1), None, rne="S")]
    on = [Review("C1", None, date(2016, 1, 1), "PN0")]
    before = [Review("C1", None, date(2015, 12, 31), "PN0")]
    assert [p.rule for p in check_child(CHILD, eps, on)] == ["440"]
    assert check_child(CHILD, eps, before) == []


def test_a_review_during_a_short_break_series_is_rule_399_not_outside_a_period():
    eps = [_ep(date(2018, 6, 1), date(2018, 6, 4), rne="S", rec="E13", ls="V3")]
    found = check_child(CHILD, eps, [Review("C1", None, date(2018, 6, 2), "PN1")])
    assert [p.rule for p in found] == ["399"]
