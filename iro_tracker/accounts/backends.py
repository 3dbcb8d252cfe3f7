"""django-axes in front of the password check, for sign-ins that come with a request."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out username and address before the password is checked.

    Every sign-in over the web comes with its request. ``authenticate()`` called without one
    (a management command, a script on the server) cannot be tried from outside, so it skips
    the lockout check instead of failing; the password is still checked by ``ModelBackend``.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
