"""Suspension of use (利用停止) and erasure (消去) of a person's data under APPI art. 35, the
statutory records kept restricted until their retention ends (Labor Standards Act art. 109),
and the journal that replays erasures after a restore. See docs/privacy-erasure.md."""
