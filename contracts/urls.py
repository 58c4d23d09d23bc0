from django.urls import path

from contracts.views import contract as views
from contracts.views import signing

app_name = "contracts"

urlpatterns = [
    path("", views.ContractListView.as_view(), name="list"),
    path("new/", views.ContractCreateView.as_view(), name="create"),
    path("<id:pk>/", views.ContractDetailView.as_view(), name="detail"),
    path("<id:pk>/edit/", views.ContractUpdateView.as_view(), name="edit"),
    path("<id:pk>/sign/", signing.ContractSignView.as_view(), name="sign"),
    path("<id:pk>/pdf/", views.ContractPdfView.as_view(), name="pdf"),
    path("<id:pk>/scan/", views.ContractScanView.as_view(), name="scan"),
    path("<id:pk>/scans/<id:number>/", views.ContractScanView.as_view(), name="scan_version"),
    path("<id:pk>/close/", views.ContractCloseView.as_view(), name="close"),
    path("<id:pk>/reviews/new/", views.ReviewCreateView.as_view(), name="review_create"),
    path("<id:pk>/amendments/new/", signing.AmendmentCreateView.as_view(), name="amendment_create"),
    path("<id:pk>/amendments/<id:number>/sign/", signing.AmendmentSignView.as_view(), name="amendment_sign"),
    path("tasks/<id:pk>/status/", views.TaskStatusView.as_view(), name="task_status"),
]
