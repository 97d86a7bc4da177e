"""Small helpers of the API tests."""


def get_json(client, url, params=None, status=200):
    """GET `url` and return the decoded JSON body, asserting the status code first."""
    response = client.get(url, params or {}, HTTP_ACCEPT="application/json")
    assert response.status_code == status, response.content[:500]
    return response.json()


def get_all(client, url, params=None):
    """Every result of a paginated list, following `next` (500 a page); checks them against `count`."""
    body = get_json(client, url, {**(params or {}), "page_size": 500})
    results = list(body["results"])
    while body["next"]:
        body = get_json(client, body["next"])
        results += body["results"]
    assert len(results) == body["count"]
    return results


def ids(results):
    """The `id`s of a list of API results, as a set."""
    return {item["id"] for item in results}
