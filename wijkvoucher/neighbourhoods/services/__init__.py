"""Write services of neighbourhoods, one module per subject:

- ``regulations``: regeling and its versions
- ``neighbourhoods``: municipality, wijk, postcode ranges
- ``budgets``: budget periods and publishing the ceiling into the ledger
- ``roles``: appointing and ending roles
- ``addresses``: residents' addresses, residency, assisted intake
- ``documents``: the letterhead's logo and the signatories of decisions
"""
