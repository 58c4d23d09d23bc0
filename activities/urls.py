from django.urls import path

from activities import views

app_name = "activities"

urlpatterns = [
    path("participations/new/", views.RecruitView.as_view(), name="recruit"),
    path("participations/<int:pk>/", views.ParticipationDetailView.as_view(), name="participation_detail"),
    path("participations/<int:pk>/decide/", views.DecideView.as_view(), name="participation_decide"),
    path("participations/<int:pk>/start/", views.ActivateView.as_view(), name="participation_activate"),
    path("participations/<int:pk>/complete/", views.CompleteView.as_view(), name="participation_complete"),
    path("participations/<int:pk>/drop-out/", views.DropOutView.as_view(), name="participation_drop_out"),
    path("participations/<int:pk>/follow-up/", views.FollowUpView.as_view(), name="participation_follow_up"),
    path("participations/<int:pk>/certificate.pdf", views.CertificatePdfView.as_view(), name="certificate"),
]
