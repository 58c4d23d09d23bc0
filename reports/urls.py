from django.urls import path

from reports import report_views

app_name = "reports"

urlpatterns = [
    path("", report_views.ReportListView.as_view(), name="list"),
    path("projects/<int:pk>/", report_views.ProjectReportView.as_view(), name="project"),
    path("projects/<int:pk>/pdf/", report_views.ProjectReportPdfView.as_view(), name="project_pdf"),
    path("projects/<int:pk>/people/", report_views.FigurePeopleView.as_view(), name="people"),
    path("projects/<int:pk>/participants.xlsx", report_views.ParticipantSheetView.as_view(), name="participants_xlsx"),
    path("projects/<int:pk>/snapshots/", report_views.SnapshotCreateView.as_view(), name="snapshot_create"),
    path("snapshots/<int:pk>/", report_views.SnapshotDownloadView.as_view(), name="snapshot"),
]
