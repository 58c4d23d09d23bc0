from django.urls import path

from contracts.views import contract as views
from contracts.views import signing

app_name = "contracts"

urlpatterns = [
    path("", views.ContractListView.as_view(), name="list"),
    path("new/", views.ContractCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ContractDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ContractUpdateView.as_view(), name="edit"),
    path("<int:pk>/sign/", signing.ContractSignView.as_view(), name="sign"),
    path("<int:pk>/pdf/", views.ContractPdfView.as_view(), name="pdf"),
    path("<int:pk>/scan/", views.ContractScanView.as_view(), name="scan"),
    path("<int:pk>/close/", views.ContractCloseView.as_view(), name="close"),
    path("<int:pk>/reviews/new/", views.ReviewCreateView.as_view(), name="review_create"),
    path("<int:pk>/amendments/new/", signing.AmendmentCreateView.as_view(), name="amendment_create"),
    path("<int:pk>/amendments/<int:number>/sign/", signing.AmendmentSignView.as_view(), name="amendment_sign"),
    path("tasks/<int:pk>/status/", views.TaskStatusView.as_view(), name="task_status"),
]
