"""Privacy and the people's requests under APPI: disclosure, correction, suspension and erasure,
consent withdrawal, records of provision, the breach register and the privacy policy.
"""
