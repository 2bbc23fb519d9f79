Quote: "{clipboard}"
