"""The task worker loads WeasyPrint and lays out a page as it starts (kis.pdf.warm_up), so that the
first large document it makes is not slower than the next."""

import logging

from kis.tests.test_settings import run_python

STARTED_AS = (
    "import sys; sys.argv = ['manage.py', {command!r}]; import django; django.setup(); "
    "print('weasyprint' in sys.modules, 'weasyprint.layout' in sys.modules)"
)


def test_the_task_worker_is_ready_to_lay_out_a_pdf_when_it_starts():
    result = run_python(STARTED_AS.format(command="db_worker"), DJANGO_SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_a_web_process_does_not_load_it_before_it_needs_it():
    result = run_python(STARTED_AS.format(command="runserver"), DJANGO_SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_the_warm_up_lays_out_the_print_stylesheet_without_a_failed_fetch(caplog):
    from kis import pdf

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf.warm_up()

    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
