from django.urls import path

from reports import views
from reports.documents import SubjectAccessJson
from reports.todo import ToDoListView

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("to-do/<slug:kind>/", ToDoListView.as_view(), name="todo"),
    path("projects/<id:pk>/", views.ProjectReportView.as_view(), name="project"),
    path("projects/<id:pk>/pdf/", views.ProjectReportPdfView.as_view(), name="project_pdf"),
    path("projects/<id:pk>/activities.xlsx", views.ActivitySheetView.as_view(), name="activities_xlsx"),
    path("projects/<id:pk>/people/", views.FigurePeopleView.as_view(), name="people"),
    path("projects/<id:pk>/people.pdf", views.FigurePeoplePdfView.as_view(), name="people_pdf"),
    path("projects/<id:pk>/participants.xlsx", views.ParticipantSheetView.as_view(), name="participants_xlsx"),
    path(
        "projects/<id:pk>/participants.csv",
        views.ParticipantSheetView.as_view(extension="csv"),
        name="participants_csv",
    ),
    path("projects/<id:pk>/snapshots/", views.SnapshotCreateView.as_view(), name="snapshot_create"),
    path("snapshots/<id:pk>/", views.SnapshotDownloadView.as_view(), name="snapshot"),
    path("participants/<id:pk>/export.pdf", views.SubjectAccessView.as_view(), name="subject_access_pdf"),
    path(
        "participants/<id:pk>/export.json",
        views.SubjectAccessView.as_view(renderer=SubjectAccessJson),
        name="subject_access_json",
    ),
]
