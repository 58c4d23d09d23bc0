"""Pages of the programme, by noun: activities (with sessions and enrolment), attendance, and the
catalogue with the personal support records."""
