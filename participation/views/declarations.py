"""The pages of a participant's declarations for a project, reached from a participation: print
(blank to sign on paper, or as signed), sign on screen, record a signed paper one with its scan,
and open the scan. Printing follows the certificate (whoever may read the participation); signing
and recording follow the moves (whoever may move the participation on: the person's own worker
and coordinators)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from kis.files import file_response
from kis.models import AuditEvent
from kis.widgets import DateInput
from participation.declarations import Kind, declaration_context, declaration_record, missing_details
from participation.documents import DeclarationPdf, DeclarationScan
from participation.models import Declaration, ProjectParticipation
from participation.views.participation import ParticipationActionView, ParticipationScopedMixin


class SignDeclarationForm(forms.Form):
    # Filled in by the signature pad (static/js/signature-pad.js) with a PNG data URL.
    signature = forms.CharField(widget=forms.HiddenInput, required=False)
    confirmed = forms.BooleanField(
        label=gettext_lazy("I confirm that the participant read the document and signed it in my presence."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("signature"):  # the box left empty (the service reads what was drawn)
            self.add_error(None, _("The participant's signature is missing: ask the participant to sign in the box."))
        return cleaned


class PaperDeclarationForm(forms.Form):
    signed_on = forms.DateField(label=gettext_lazy("signed on"), widget=DateInput())
    scan = forms.FileField(
        label=gettext_lazy("Scan of the signed paper original"),
        help_text=gettext_lazy("PDF, JPEG or PNG, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class DeclarationMixin:
    """The document of the URL's ``kind`` for the participation's person and project (404 for an
    unknown kind), and its record once signed."""

    @property
    def kind(self) -> str:
        if self.kwargs["kind"] not in Kind.values:
            raise Http404
        return self.kwargs["kind"]

    @cached_property
    def declaration(self) -> Declaration | None:
        participation = self.participation
        declaration = Declaration.objects.filter(
            project=participation.project, participant=participation.participant, kind=self.kind
        ).first()
        if declaration is not None:  # already loaded with the participation
            declaration.project, declaration.participant = participation.project, participation.participant
        return declaration


class DeclarationRecordView(DeclarationMixin, ParticipationActionView):
    """Base of the two ways of recording a document as signed; once recorded, back to the page."""

    allowed_from = tuple(ProjectParticipation.Status)  # whatever the state: auditors ask for them all

    def refusal(self, participation):
        if self.declaration is not None:
            messages.info(
                self.request,
                _("Already recorded: %(document)s, signed on %(date)s.")
                % {"document": self.declaration.get_kind_display(), "date": f"{self.declaration.signed_on:%d.%m.%Y}"},
            )
            return HttpResponseRedirect(participation.get_absolute_url())
        return super().refusal(participation)

    def record(self, **signed):
        participation = self.participation
        declaration_record(
            project=participation.project,
            participant=participation.participant,
            kind=self.kind,
            user=self.request.user,
            request=self.request,
            **signed,
        )
        return _("Recorded as signed: %(document)s.") % {"document": Kind(self.kind).label}


class DeclarationSignView(DeclarationRecordView):
    """The participant reads the document and draws their signature; the worker confirms. Signed today."""

    form_class = SignDeclarationForm
    template_name = "participation/declaration_sign.html"

    @property
    def title(self):
        return _("Sign on screen: %(document)s") % {"document": Kind(self.kind).label}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participation = self.participation
        context.update(
            declaration_context(project=participation.project, participant=participation.participant, kind=self.kind)
        )
        context["missing_details"] = missing_details(participation.project, self.kind)
        return context

    def perform(self, form):
        return self.record(signed_on=timezone.localdate(), signature=form.cleaned_data["signature"])


class DeclarationPaperView(DeclarationRecordView):
    """A document signed on paper: its date and the scan of the original."""

    form_class = PaperDeclarationForm

    @property
    def title(self):
        return _("Record a signed paper: %(document)s") % {"document": Kind(self.kind).label}

    def get_initial(self):
        return {"signed_on": timezone.localdate()}

    def perform(self, form):
        return self.record(signed_on=form.cleaned_data["signed_on"], upload=form.cleaned_data["scan"])


class DeclarationPdfView(DeclarationMixin, ParticipationScopedMixin, View):
    """The document as a PDF to print: pre-filled with blank lines to sign on paper, or as signed."""

    permission_required = "participation.view_projectparticipation"

    def get(self, request, pk, kind):
        user = request.user
        # As the certificate: it carries the person's identity and address.
        if not user.has_perm("participation.change_projectparticipation") and not user.has_perm(
            "participants.view_participant"
        ):
            raise PermissionDenied
        declaration = self.declaration
        document = DeclarationPdf(self.participation, self.kind, declaration).render()
        return file_response(
            request,
            document,
            action=AuditEvent.Action.PRINT,
            obj=declaration or self.participation,
            details={"declaration": self.kind, "signed": declaration is not None},
        )


class DeclarationScanView(DeclarationMixin, ParticipationScopedMixin, View):
    """The stored scan of a document signed on paper, to those who may see the participation (audited)."""

    permission_required = "participation.view_projectparticipation"

    def get(self, request, pk, kind):
        declaration = self.declaration
        if declaration is None or not declaration.scan:
            raise Http404
        return file_response(
            request,
            DeclarationScan(declaration).render(),
            action=AuditEvent.Action.VIEW,
            obj=declaration,
            details={"scan": True},
        )
