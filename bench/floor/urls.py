from django.urls import path

from bench.floor import views

app_name = "bench_floor"
urlpatterns = [
    path("move/", views.move, name="move"),
    path("row/", views.row, name="row"),
    path("read/", views.read, name="read"),
]
