"""What the placement API modules share."""

from ninja import Router


class PlacementsRouter(Router):
    """A router of the placements API. Its operations keep the ids they had when the API was
    one module, ``jalinan_placements_api_<function>``, wherever the function now lives:
    clients generated from the OpenAPI document name their methods after them."""

    def __init__(self):
        super().__init__(tags=["placements"])

    def add_api_operation(self, path, methods, view_func, **kwargs):
        if not kwargs.get("operation_id"):
            kwargs["operation_id"] = f"jalinan_placements_api_{view_func.__name__}"
        return super().add_api_operation(path, methods, view_func, **kwargs)
