"""The appliance's gRPC server (``ccedge.rpc.server``): see ``server.py`` for the transport."""

from ccedge.rpc.server.context import ApiSettings
from ccedge.rpc.server.server import ApiServer

__all__ = ["ApiServer", "ApiSettings"]
