import pytest


@pytest.fixture(autouse=True)
def fast_passwords(request):
    # Personas are created for every test: a deliberately slow password hash would dominate.
    try:
        settings = request.getfixturevalue("settings")
    except pytest.FixtureLookupError:
        return  # running without pytest-django (the pure tests)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
