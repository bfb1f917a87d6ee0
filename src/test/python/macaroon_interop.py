#!/usr/bin/python3
"""Interoperability helper: pymacaroons' side of PymacaroonsInteropTest.

Run with Debian's interpreter, where python3-pymacaroons is installed:

    /usr/bin/python3 macaroon_interop.py mint KEY LOCATION IDENTIFIER [CAVEAT...]
        prints the serialized macaroon (pymacaroons' default v1 serialize())
    /usr/bin/python3 macaroon_interop.py inspect KEY TOKEN
        verifies TOKEN with KEY, accepting every caveat, then prints the caveats,
        one per line; exits 1 if it cannot be read or does not verify

KEY is used as its UTF-8 bytes. Output is UTF-8. Usage errors exit 2.
"""
import sys

from pymacaroons import Macaroon, Verifier


def mint(key, location, identifier, caveats):
    macaroon = Macaroon(location=location, identifier=identifier, key=key)
    for caveat in caveats:
        macaroon.add_first_party_caveat(caveat)
    print(macaroon.serialize())
    return 0


def inspect(key, token):
    try:
        macaroon = Macaroon.deserialize(token)
        verifier = Verifier()
        verifier.satisfy_general(lambda caveat: True)
        verifier.verify(macaroon, key)
    except Exception as e:  # any pymacaroons failure means "does not verify"
        print('verification failed: %s: %s' % (type(e).__name__, e), file=sys.stderr)
        return 1
    for caveat in macaroon.caveats:
        print(caveat.caveat_id)
    return 0


def main(argv):
    sys.stdout.reconfigure(encoding='utf-8')
    if len(argv) >= 4 and argv[0] == 'mint':
        return mint(argv[1], argv[2], argv[3], argv[4:])
    if len(argv) == 3 and argv[0] == 'inspect':
        return inspect(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
