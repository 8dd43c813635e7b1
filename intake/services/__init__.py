"""Every write of the intake stage. Views, the API, admin actions and tasks call these."""
