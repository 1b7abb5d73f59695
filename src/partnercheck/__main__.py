from partnercheck.cli import main

raise SystemExit(main())
