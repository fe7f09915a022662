# Not ours: it never mentions the SDK, so it is not even parsed.
print("unclosed
