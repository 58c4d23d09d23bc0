from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("", views.ParticipantListView.as_view(), name="list"),
    path("new/", views.ParticipantCreateView.as_view(), name="create"),
    path("<id:pk>/", views.ParticipantDetailView.as_view(), name="detail"),
    path("<id:pk>/edit/", views.ParticipantUpdateView.as_view(), name="edit"),
    path("<id:pk>/stand-ins/", views.StandInsView.as_view(), name="stand_ins"),
    path("<id:pk>/stand-ins/<id:stand_in_pk>/end/", views.StandInEndView.as_view(), name="stand_in_end"),
    path("<id:pk>/consents/new/", views.ConsentCreateView.as_view(), name="consent_create"),
    path("consents/<id:pk>/withdraw/", views.ConsentWithdrawView.as_view(), name="consent_withdraw"),
]
