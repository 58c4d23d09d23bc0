from django.urls import path

from participation.views import declarations
from participation.views import participation as views

app_name = "participation"

# Under /activities/participations/ (see kis/urls.py), where they have always been.
urlpatterns = [
    path("new/", views.RecruitView.as_view(), name="recruit"),
    path("<int:pk>/", views.ParticipationDetailView.as_view(), name="detail"),
    path("<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("<int:pk>/start/", views.ActivateView.as_view(), name="activate"),
    path("<int:pk>/complete/", views.CompleteView.as_view(), name="complete"),
    path("<int:pk>/drop-out/", views.DropOutView.as_view(), name="drop_out"),
    path("<int:pk>/follow-up/", views.FollowUpView.as_view(), name="follow_up"),
    path("<int:pk>/entry/", views.CorrectEntryView.as_view(), name="correct_entry"),
    path("<int:pk>/evidence/new/", views.EvidenceAddView.as_view(), name="evidence_add"),
    path("<int:pk>/evidence/<int:evidence_pk>/scan/", views.EvidenceScanView.as_view(), name="evidence_scan"),
    path("<int:pk>/certificate.pdf", views.CertificatePdfView.as_view(), name="certificate"),
    path("<int:pk>/declarations/<str:kind>.pdf", declarations.DeclarationPdfView.as_view(), name="declaration"),
    path(
        "<int:pk>/declarations/<str:kind>/sign/",
        declarations.DeclarationSignView.as_view(),
        name="declaration_sign",
    ),
    path(
        "<int:pk>/declarations/<str:kind>/paper/",
        declarations.DeclarationPaperView.as_view(),
        name="declaration_paper",
    ),
    path(
        "<int:pk>/declarations/<str:kind>/scan/",
        declarations.DeclarationScanView.as_view(),
        name="declaration_scan",
    ),
]
