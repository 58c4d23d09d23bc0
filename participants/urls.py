from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("", views.ParticipantListView.as_view(), name="list"),
    path("new/", views.ParticipantCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ParticipantDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ParticipantUpdateView.as_view(), name="edit"),
]
