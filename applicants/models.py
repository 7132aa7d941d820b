# Applicant profiles, credentials, resumes, applications, saved jobs and alerts arrive with
# the applicant-accounts issue; this app may import `listings`, never the reverse.
