"""Number rules (N): GB/T 15835 numerals — full-width digits, Chinese-numeral years, mixed systems, broken numbers."""
