from django.shortcuts import redirect


def home(request):
    user = request.user
    if user.is_read_only:
        return redirect("reviews:summary")
    if user.is_chair:
        return redirect("reviews:caseload")
    return redirect("reviews:due")
