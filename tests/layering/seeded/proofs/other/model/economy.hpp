// Seeded: the model the toy paper must not include.
