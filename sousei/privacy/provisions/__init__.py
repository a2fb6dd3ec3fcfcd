"""The operators' view of the records of provision to third parties (the records themselves,
their service and selectors are core's: `sousei.core.provision`)."""
