"""Inquiries (問い合わせ) to the program's office from companies, municipalities, students and
residents, and the operators' inbox.
"""
