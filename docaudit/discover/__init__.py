"""Discovery: the files to audit, with their class (product, tests, docs...) and the resources
beside them.
"""
