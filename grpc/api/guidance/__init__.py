"""Generated from grpc/proto by ``python -m ccedge.rpc.protogen``; do not edit."""
