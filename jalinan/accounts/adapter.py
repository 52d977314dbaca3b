from allauth.account.adapter import DefaultAccountAdapter

from jalinan.core.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth's own believes the left-most X-Forwarded-For, which any client can write:
        # its login throttle would count a made-up address. Ours trusts configured proxies only.
        return client_ip(request)
