"""The form renderer: Django's own Jinja2 templates of the form widgets, which give the same HTML
in about half the time of the Django-template ones (a select renders a template per option, and
the list pages' filter forms spent most of their time there); a widget that has only a Django
template (the admin's, the password hash of a user) is rendered with it."""

from functools import cached_property

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FastRenderer(BaseRenderer):
    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2()

    @cached_property
    def django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)
