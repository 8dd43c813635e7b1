"""Identity numbers are never stored: a keyed hash for matching, the last four characters for display.

A plain SHA-256 of an 18-character 身份证 number can be reversed by enumerating birth dates and
regions; the HMAC key (``settings.IDENTITY_HASH_KEY``) kept outside the database prevents that.
"""

import hashlib
import hmac

from django.conf import settings


def identity_normalize(identity_number: str) -> str:
    """The same person typed with spaces or a lower-case check letter hashes the same."""
    return "".join(str(identity_number).split()).upper()


def identity_hash(identity_number: str) -> str:
    key = settings.IDENTITY_HASH_KEY.encode()
    return hmac.new(key, identity_normalize(identity_number).encode(), hashlib.sha256).hexdigest()


def identity_last_four(identity_number: str) -> str:
    return identity_normalize(identity_number)[-4:]


def identity_masked(last_four: str) -> str:
    return f"****{last_four}"


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def identity_check_char(first_seventeen: str) -> str:
    """The GB 11643 check character of a resident identity number."""
    total = sum(int(digit) * weight for digit, weight in zip(first_seventeen, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def identity_is_valid(identity_number: str) -> bool:
    number = identity_normalize(identity_number)
    if len(number) != 18 or not number[:17].isdigit():
        return False
    return number[17] == identity_check_char(number[:17])
