from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("projects/<int:pk>/", views.ProjectReportView.as_view(), name="project"),
    path("projects/<int:pk>/pdf/", views.ProjectReportPdfView.as_view(), name="project_pdf"),
    path("projects/<int:pk>/people/", views.FigurePeopleView.as_view(), name="people"),
    path("projects/<int:pk>/participants.xlsx", views.ParticipantSheetView.as_view(), name="participants_xlsx"),
    path(
        "projects/<int:pk>/participants.csv",
        views.ParticipantSheetView.as_view(extension="csv"),
        name="participants_csv",
    ),
    path("projects/<int:pk>/snapshots/", views.SnapshotCreateView.as_view(), name="snapshot_create"),
    path("snapshots/<int:pk>/", views.SnapshotDownloadView.as_view(), name="snapshot"),
]
