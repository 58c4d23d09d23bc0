from django.urls import path

from participation.views import declarations
from participation.views import participation as views

app_name = "participation"

# Under /activities/participations/ (see kis/urls.py), where they have always been.
urlpatterns = [
    path("new/", views.RecruitView.as_view(), name="recruit"),
    path("<id:pk>/", views.ParticipationDetailView.as_view(), name="detail"),
    path("<id:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("<id:pk>/start/", views.ActivateView.as_view(), name="activate"),
    path("<id:pk>/complete/", views.CompleteView.as_view(), name="complete"),
    path("<id:pk>/drop-out/", views.DropOutView.as_view(), name="drop_out"),
    path("<id:pk>/follow-up/", views.FollowUpView.as_view(), name="follow_up"),
    path("<id:pk>/entry/", views.CorrectEntryView.as_view(), name="correct_entry"),
    path("<id:pk>/evidence/new/", views.EvidenceAddView.as_view(), name="evidence_add"),
    path("<id:pk>/evidence/<id:evidence_pk>/scan/", views.EvidenceScanView.as_view(), name="evidence_scan"),
    path("<id:pk>/certificate.pdf", views.CertificatePdfView.as_view(), name="certificate"),
    path("<id:pk>/declarations/<str:kind>.pdf", declarations.DeclarationPdfView.as_view(), name="declaration"),
    path(
        "<id:pk>/declarations/<str:kind>/sign/",
        declarations.DeclarationSignView.as_view(),
        name="declaration_sign",
    ),
    path(
        "<id:pk>/declarations/<str:kind>/paper/",
        declarations.DeclarationPaperView.as_view(),
        name="declaration_paper",
    ),
    path(
        "<id:pk>/declarations/<str:kind>/scan/",
        declarations.DeclarationScanView.as_view(),
        name="declaration_scan",
    ),
]
