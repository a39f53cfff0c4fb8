from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def login(request):
    return render(request, "accounts/login.html", {"title": "Connexion"})


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html", {"title": "Mes données"})
