"""``python -m govkg.kg.cli`` runs the ``kg`` command line."""
from govkg.kg.cli import main

main()
