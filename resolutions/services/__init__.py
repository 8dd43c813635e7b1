"""Every write of the resolutions stage: mediation, ruling, compensation, the result notice,
follow-up, the other ends and the archive. Views, admin, tasks and commands call these."""
