from django.shortcuts import render


def complaint_new(request):
    return render(request, "base.html")


def track(request):
    return render(request, "base.html")
