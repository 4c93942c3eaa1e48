#!/usr/bin/env python3
"""Writes tests/data/import/: valid exports in every shape and encoding (derived from the
sample generator's output in valid/graph-page.json, valid/az-array.json, valid/mggraph.json,
valid/portal-download.csv, which `scim-preflight sample --users 30 --seed 4` writes), and the
malformed corpus with its expected error kinds and messages (malformed/expected.tsv).

Run from the repository root after regenerating the four sample files. Plain Python 3."""
import json
import os

ROOT = os.path.join("tests", "data", "import")
VALID = os.path.join(ROOT, "valid")
BAD = os.path.join(ROOT, "malformed")
os.makedirs(BAD, exist_ok=True)


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


graph = json.load(open(os.path.join(VALID, "graph-page.json"), encoding="utf-8"))
users = graph["value"]
mg = json.load(open(os.path.join(VALID, "mggraph.json"), encoding="utf-8"))
context = graph["@odata.context"]

# --- valid: encodings -------------------------------------------------------------------
text = json.dumps(users, ensure_ascii=False, indent=2)
write(VALID, "array-utf8-bom.json", b"\xef\xbb\xbf" + text.encode("utf-8"))
write(VALID, "array-utf16le-bom-crlf.json", b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
write(VALID, "array-utf16be-bom.json", b"\xfe\xff" + text.encode("utf-16-be"))
write(VALID, "array-utf16le-no-bom.json", text.encode("utf-16-le"))
# Windows-1252: only characters the code page has.
ansi_users = [
    {"id": "00000000-0000-0000-0000-00000000000%d" % i, "userPrincipalName": "u%d@vindel.example" % i,
     "displayName": name, "department": "Salg > Tromsø", "accountEnabled": True}
    for i, name in enumerate(["Åse Øvergård", "Jürgen Groß", "Zoë Ní Bhriain"])
]
write(VALID, "array-windows-1252.json", json.dumps(ansi_users, ensure_ascii=False).encode("cp1252"))

# --- valid: shapes ----------------------------------------------------------------------
page1 = {"@odata.context": context, "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=RFNwdAIAAQAAAD8",
         "value": users[:15]}
page2 = {"@odata.context": context, "value": users[15:]}
write(VALID, "graph-page-1-of-2.json", json.dumps(page1, ensure_ascii=False, indent=2))
write(VALID, "graph-page-2-of-2.json", json.dumps(page2, ensure_ascii=False, indent=2))
write(VALID, "graph-pages-pasted.json",
      json.dumps(page1, ensure_ascii=False) + "\n" + json.dumps(page2, ensure_ascii=False) + "\n")
write(VALID, "json-lines.jsonl", "".join(json.dumps(u, ensure_ascii=False) + "\n" for u in users))
write(VALID, "mggraph-single-user.json", json.dumps(mg[0], ensure_ascii=False, indent=4))
# Windows PowerShell 5.1: UTF-16 LE with BOM, CRLF, "\/Date(ms)\/" dates, default depth.
ps51 = []
for u in mg[:5]:
    u = dict(u)
    if isinstance(u.get("Manager"), dict):
        u["Manager"] = dict(u["Manager"])
        u["Manager"]["AdditionalProperties"] = "System.Collections.Generic.Dictionary`2[System.String,System.Object]"
    u["EmployeeHireDate"] = "\\/Date(1439769600000)\\/"
    ps51.append(u)
ps51_text = json.dumps(ps51, ensure_ascii=False, indent=4).replace("\\\\/", "\\/").replace('": ', '":  ')
write(VALID, "mggraph-ps51-utf16.json", b"\xff\xfe" + ps51_text.replace("\n", "\r\n").encode("utf-16-le"))
legacy = [{"odata.type": "Microsoft.DirectoryServices.User", "objectId": u["id"], "userPrincipalName": u["userPrincipalName"],
           "displayName": u["displayName"], "department": u.get("department"), "telephoneNumber": "+47 1",
           "mobile": "+47 2", "physicalDeliveryOfficeName": "Oslo", "accountEnabled": u.get("accountEnabled"),
           "extension_5f1c2b7e9a8d4c3b8e6f0a1b2c3d4e5f_orgUnit": "OU-1"} for u in users[:5]]
write(VALID, "legacy-aad-graph.json", json.dumps(legacy, ensure_ascii=False, indent=2))
write(VALID, "portal-2021.csv",
      "userPrincipalName,displayName,surname,mail,givenName,id,userType,jobTitle,department,accountEnabled,usageLocation,streetAddress,state,country,officeLocation,city,postalCode,telephoneNumber,mobilePhone,alternateEmailAddress,ageGroup,consentProvidedForMinor,legalAgeGroupClassification,companyName,creationType,directorySynced,invitationState,identityIssuer,createdDateTime\r\n"
      "ase@vindel.example,Åse Øvergård,Øvergård,ase@vindel.example,Åse,11111111-0000-0000-0000-000000000001,Member,Sales Director,\"Vindel > Sales, EMEA\",True,NO,Storgata 1,,Norway,Oslo,Oslo,0155,+47 22 00 00 01,,,,,,Vindel Instruments AS,,True,,vindel.example,8/19/2021 1:25:31 PM\r\n"
      "aino@vindel.example,Aino Virtanen,Virtanen,,Aino,11111111-0000-0000-0000-000000000002,Member,,=1+3,False,FI,,,Finland,,,,,,,,,,,,False,,vindel.example,8/19/2021 1:25:31 PM\r\n")
write(VALID, "portal-semicolon-labels.csv",
      "User principal name;Display name;Object ID;Department;Account enabled;Company name\n"
      "ase@vindel.example;Åse Øvergård;1;Vindel|Sales|EMEA;True;Vindel AS\n"
      "bo@vindel.example;Bo Ek;2;IT;True;Vindel AB\n")

# --- valid: conflicts and repeats (hardening) -------------------------------------------------
# The same three users exported a month apart: user 1 moved department and was disabled, user 2
# changed userPrincipalName, user 3 is the same (the June file has no accountEnabled for them).
# Whatever order they are loaded in, the June file's values are kept (its name sorts last).
def conflict_user(n, upn, department, enabled):
    u = {"id": "33333333-0000-0000-0000-00000000000%d" % n, "userPrincipalName": upn,
         "displayName": "User %d" % n, "department": department}
    if enabled is not None:
        u["accountEnabled"] = enabled
    return u
write(VALID, "conflict-2024-05.json", json.dumps([
    conflict_user(1, "ase@vindel.example", "Sales", True),
    conflict_user(2, "bo@vindel.example", "IT", True),
    conflict_user(3, "cy@vindel.example", "Finance", False),
], indent=2))
write(VALID, "conflict-2024-06.json", json.dumps([
    conflict_user(3, "cy@vindel.example", "Finance", None),
    conflict_user(2, "bo.ek@vindel.example", "IT", True),
    conflict_user(1, "ase@vindel.example", "Marketing", False),
], indent=2))
# A key twice in one user object: the last one is kept (also when it is null).
write(VALID, "duplicate-keys.json",
      '[{"id": "1", "userPrincipalName": "a@vindel.example", "department": "A", "department": "B", '
      '"accountEnabled": true},\n'
      ' {"id": "2", "userPrincipalName": "b@vindel.example", "department": "C", "companyName": "X", '
      '"companyName": null, "accountEnabled": true}]\n')
# A column twice in the admin center's CSV: the last one is read.
write(VALID, "portal-duplicate-column.csv",
      "userPrincipalName,id,department,accountEnabled,Department\r\n"
      "a@vindel.example,1,Sales,True,Marketing\r\n"
      "b@vindel.example,2,IT,True,\r\n")

# --- valid: one user, and Graph's other response forms (issue 18) ----------------------------
# Microsoft's shapes, recreated with the sample's fictional users.
GRAPH = "https://graph.microsoft.com/v1.0/$metadata#"
DEFAULT_PROPERTIES = ["businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
                      "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id"]


def default_properties(u):
    return {k: u.get(k) for k in DEFAULT_PROPERTIES}


me = {"@odata.context": GRAPH + "users/$entity"}
me.update(default_properties(users[0]))
# Graph Explorer, GET /me (or GET /users/{id}): one user with the default properties.
write(VALID, "graph-me.json", json.dumps(me, ensure_ascii=False, indent=4))
# GET /users/{id}?$select=…: the context names the properties.
select = ["id", "userPrincipalName", "displayName", "givenName", "postalCode", "identities"]
one = {"@odata.context": GRAPH + "users(%s)/$entity" % ",".join(select)}
one.update({k: users[1].get(k) for k in select[:5]})
one["identities"] = [{"signInType": "userPrincipalName", "issuer": "contoso.onmicrosoft.com",
                      "issuerAssignedId": users[1]["userPrincipalName"]}]
write(VALID, "graph-user-select.json", json.dumps(one, ensure_ascii=False, indent=4))
# The issue's own example: a $select without id and userPrincipalName. One user asked for by
# id still loads (the preview says Azure skips it); entries of a list without them are left out.
write(VALID, "graph-user-select-no-upn.json", b'{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(displayName,givenName,postalCode,identities)/$entity", "displayName": "Aino Virtanen", "givenName": "Aino", "postalCode": null, "identities": [{"signInType": "emailAddress", "issuer": "contoso.onmicrosoft.com", "issuerAssignedId": "aino@contoso.example"}]}')
# az ad user show: the same response, two-space indent; newer az versions leave out the context.
write(VALID, "az-user-show.json", json.dumps(me, ensure_ascii=False, indent=2) + "\n")
write(VALID, "az-user-show-bare.json",
      json.dumps(default_properties(users[0]), ensure_ascii=False, indent=2) + "\n")
# GET /users/{id}/manager: a directory object that is a user.
manager = {"@odata.context": GRAPH + "directoryObjects/$entity", "@odata.type": "#microsoft.graph.user"}
manager.update(default_properties(users[0]))
write(VALID, "graph-manager-entity.json", json.dumps(manager, ensure_ascii=False, indent=4))
# A $select of properties some users do not have: Graph writes {} for those users.
fields = ["userPrincipalName", "id", "displayName", "department", "accountEnabled"]
sparse = [{k: u.get(k) for k in fields} for u in users[:5]]
write(VALID, "graph-page-empty-entries.json", json.dumps(
    {"@odata.context": GRAPH + "users(%s)" % ",".join(fields),
     "value": [{}, sparse[0], sparse[1], {}, sparse[2], sparse[3], sparse[4], {}]},
    ensure_ascii=False, indent=2))
# /users/delta: pages end with @odata.nextLink, the last with @odata.deltaLink; users deleted
# since the previous round are entries with only their id and @removed.
delta_context = GRAPH + "users(%s)" % ",".join(fields)
removed_changed = {"@odata.type": "#microsoft.graph.user", "id": "44444444-0000-0000-0000-000000000001",
                   "@removed": {"reason": "changed"}}
removed_deleted = {"id": "44444444-0000-0000-0000-000000000002", "@removed": {"reason": "deleted"}}
write(VALID, "graph-delta-1-of-2.json", json.dumps(
    {"@odata.context": delta_context,
     "@odata.nextLink": "https://graph.microsoft.com/v1.0/users/delta?$skiptoken=pqwSUjGYvb3jQpbwVAwEL7yuI3dU1LecfkkfLPtnIjs",
     "value": sparse[:3]}, ensure_ascii=False, indent=2))
write(VALID, "graph-delta-2-of-2.json", json.dumps(
    {"@odata.context": delta_context,
     "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=mS5DuRZGjVLkzfQ0GE1a2cBf",
     "value": [removed_changed, sparse[3], sparse[4], removed_deleted]}, ensure_ascii=False, indent=2))
# $expand=manager($levels=max;$select=id,displayName): each manager holds its own manager.
by_id = {u["id"]: u for u in users}


def manager_chain(u, depth=0):
    m = (u.get("manager") or {}).get("id")
    if m is None or m not in by_id or depth > 20:
        return None
    chain = {"@odata.type": "#microsoft.graph.user", "id": m, "displayName": by_id[m]["displayName"]}
    above = manager_chain(by_id[m], depth + 1)
    if above is not None:
        chain["manager"] = above
    return chain


levels = []
for u in users:
    u = dict(u)
    chain = manager_chain(u)
    if chain is None:
        u.pop("manager", None)
    else:
        u["manager"] = chain
    levels.append(u)
write(VALID, "graph-expand-manager-levels.json", json.dumps(
    {"@odata.context": GRAPH + "users", "@odata.count": len(levels), "value": levels},
    ensure_ascii=False, indent=2))
# A $select without id: userPrincipalName, but no id (the manager, expanded, has one).
no_id_fields = ["userPrincipalName", "displayName", "department", "companyName", "accountEnabled"]
no_id = []
for u in users:
    entry = {k: u.get(k) for k in no_id_fields}
    if u.get("manager"):
        entry["manager"] = {"@odata.type": "#microsoft.graph.user", "id": u["manager"]["id"]}
    no_id.append(entry)
write(VALID, "graph-page-no-id.json", json.dumps(
    {"@odata.context": GRAPH + "users(%s,manager(id))" % ",".join(no_id_fields), "value": no_id},
    ensure_ascii=False, indent=2))

# --- malformed ------------------------------------------------------------------------------
user = '{"id": "1", "userPrincipalName": "a@vindel.example"}'
cases = [
    ("empty.json", b"", "empty", "The file is empty"),
    ("whitespace-only.json", b"  \r\n\t\r\n", "empty", "The file is empty"),
    ("utf8-bom-only.json", b"\xef\xbb\xbf", "empty", "The file is empty"),
    ("utf16-bom-only.json", b"\xff\xfe", "empty", "The file is empty"),
    ("spreadsheet.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "binary", "not a spreadsheet or a zip file"),
    ("nul-bytes.json", b'{"a": 1}\x00\x00\x00', "binary", "binary data at byte 8"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "This is not a text file"),
    ("control-character.json", b'[{"id": "1\x01"}]', "binary", "binary data at byte 10"),
    ("truncated-array.json", ("[\n  " + user + ",\n  {\"id\": \"2\", \"userPrin").encode(), "truncated", "after 1 complete user"),
    ("truncated-page.json", ('{"@odata.context": "%s",\n"value": [\n%s,\n%s' % (context, user, user)).encode(), "truncated", "after 2 complete users"),
    ("truncated-after-comma.json", ("[" + user + ",").encode(), "truncated", "cut off while saving, copying or downloading"),
    ("truncated-utf16.json", b"\xff\xfe" + ("[\r\n" + user + ",\r\n{\"id\"").encode("utf-16-le"), "truncated", "line 3"),
    ("missing-comma.json", b'[\n  {"id": "1"\n   "userPrincipalName": "a@x"}\n]', "json", "line 3, column 4: expected \",\" or \"}\""),
    ("trailing-comma.json", ("[\n" + user + ",\n]").encode(), "json", "line 3, column 1: trailing comma"),
    ("single-quotes.json", b"[{'id': '1'}]", "json", "line 1, column 3: key must be a string"),
    ("unquoted-key.json", b'[{id: "1"}]', "json", "line 1, column 3: key must be a string"),
    ("mismatched-bracket.json", b'[{"id": "1", "userPrincipalName": "a"]', "json", "line 1, column 38"),
    ("text-after-json.json", ("[" + user + "]\nthanks!").encode(), "json", "line 2, column 1: unexpected \"t\""),
    ("invalid-escape.json", b'[{"id": "1", "userPrincipalName": "a\\q"}]', "json", "invalid escape"),
    ("lone-surrogate.json", b'[{"id": "1", "displayName": "\\ud800"}]', "json", "line 1, column 36: unexpected end of hex escape"),
    ("not-an-object-midway.json", ("[" + user + ", \"oops\"]").encode(), "json", "this element of the list is not a user object"),
    ("deep-nesting.json", ("[{\"id\": \"1\", \"x\": " + "[" * 300 + "]" * 300 + "}, " + user + "]").encode(), "json", "recursion limit exceeded"),
    ("json-lines-broken.jsonl", (user + "\n" + '{"id": "2", "userPrincipalName": }' + "\n").encode(), "json", "line 2, column 34: expected value"),
    ("comment-first.json", ("// users\n[" + user + "]").encode(), "not-json-or-csv", "neither JSON nor CSV"),
    ("provisioning-schema.json", b'{"id": "customappsso", "directories": [], "synchronizationRules": [{"objectMappings": []}]}', "schema", "Open it in step 3"),
    ("schema-graph-response.json", b'{"@odata.context": "https://graph.microsoft.com/beta/$metadata#servicePrincipals(\'1\')/synchronization/jobs(\'2\')/schema/$entity", "synchronizationRules": []}', "schema", "provisioning schema"),
    ("groups-page.json", b'{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups", "value": [{"id": "g1", "displayName": "Sales", "groupTypes": [], "securityEnabled": true}]}', "groups", "list of groups, not users"),
    ("groups-array.json", b'[{"id": "g1", "displayName": "Sales", "groupTypes": ["Unified"], "mailEnabled": true}]', "groups", "list of groups"),
    ("devices-page.json", b'{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#devices", "value": [{"id": "d1", "displayName": "LAPTOP-1"}]}', "not-users", "a Microsoft Graph list of devices"),
    ("graph-error.json", b'{"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges to complete the operation."}}', "graph-error", "Insufficient privileges"),
    ("array-of-strings.json", b'["a@vindel.example", "b@vindel.example"]', "not-users", "the list holds texts"),
    ("array-of-numbers.json", b"[1, 2, 3]", "not-users", "the list holds numbers"),
    ("array-of-arrays.json", b"[[1], [2]]", "not-users", "the list holds lists"),
    ("empty-array.json", b"[]", "no-users", "the list is empty"),
    ("empty-page.json", ('{"@odata.context": "%s", "value": []}' % context).encode(), "no-users", "check it"),
    ("unknown-object.json", b'{"name": "Widget", "price": 3}', "not-users", "its keys are name, price"),
    ("empty-object.json", b"{}", "not-users", "empty object"),
    ("page-value-not-a-list.json", ('{"@odata.context": "%s", "value": {"id": "1"}}' % context).encode(), "not-users", "its keys are @odata.context, value"),
    ("bare-number.json", b"42", "not-json-or-csv", "neither JSON nor CSV"),
    ("plain-text.txt", b"Hello, here are the users you asked for.\n", "not-json-or-csv", "neither JSON nor CSV"),
    ("saved-login-page.html", b"<!DOCTYPE html><html><head><title>Sign in to your account</title></head></html>", "not-json-or-csv", "neither JSON nor CSV"),
    ("csv-not-users.csv", b"name,price\napple,3\n", "csv-header", "names no user attribute"),
    ("csv-header-only.csv", b"userPrincipalName,displayName,department\r\n", "no-users", "a header line and nothing else"),
    ("csv-every-row-broken.csv", b"userPrincipalName,displayName,department\na@x,A\nb@x\n", "no-users", "every row was skipped (line 2: 2 cells where the header has 3)"),
    # Hardening: a UTF-16 file with an odd number of bytes was cut off in its last character.
    ("utf16-odd-byte.json", (b"\xff\xfe" + ("[\r\n" + user + "\r\n]\r\n").encode("utf-16-le"))[:-1], "truncated", "ends in the middle of a character (line 3, after 1 user)"),
    ("utf16-odd-byte-no-bom.json", ("[\r\n" + user + "\r\n]\r\n").encode("utf-16-le")[:-1], "truncated", "Export it again"),
    ("utf16-odd-byte-in-user.json", (b"\xff\xfe" + ("[\r\n" + user + ",\r\n" + user).encode("utf-16-le"))[:-1], "truncated", "after 1 complete user"),
    ("utf16-odd-byte.csv", (b"\xff\xfe" + "userPrincipalName,id\r\na@x,1\r\nb@x,2".encode("utf-16-le"))[:-1], "truncated", "ends in the middle of a character (line 3, after 2 users)"),
    # Hardening: sizes no export comes near are refused before they cost memory.
    ("csv-too-many-columns.csv", ("userPrincipalName,id," + ",".join("c%d" % i for i in range(9999)) + "\n" + "a@x,1" + "," * 9999 + "\n").encode(), "too-large", "more than 10 000 columns"),
    ("user-too-many-keys.json", ('[{"id": "1", "userPrincipalName": "a@x", ' + ", ".join('"k%d": 1' % i for i in range(9999)) + "}]").encode(), "too-large", "line 1: one user has more than 10 000 keys"),
    ("page-too-many-members.json", ('{"@odata.context": "%s",\n' % context + ", ".join('"m%d": 1' % i for i in range(10001)) + ', "value": [' + user + "]}").encode(), "too-large", "more than 10 000 keys"),
    ("key-too-long.json", ('[{"id": "1", "userPrincipalName": "a@x", "' + "k" * 1100 + '": "v"}]').encode(), "too-large", "a key is longer than 1024 bytes"),
    ("deep-keys-too-long.json", ('[{"id": "1", "userPrincipalName": "a@x", "a": ' + '{"%s": ' % ("k" * 100) * 20 + '"v"' + "}" * 20 + "}]").encode(), "too-large", "a key is longer than 1024 bytes"),
    # Issue 18: Graph responses with nothing to provision, and single objects that are not users.
    ("page-only-empty-entries.json", b'{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(employeeId,postalCode)", "value": [{}, {"employeeId": "1001", "postalCode": "0155"}, {}]}', "no-users", "3 entries have no id and no userPrincipalName"),
    ("delta-only-removed.json", b'{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(displayName,userPrincipalName)", "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=x", "value": [{"id": "44444444-0000-0000-0000-000000000001", "@removed": {"reason": "changed"}}, {"id": "44444444-0000-0000-0000-000000000002", "@removed": {"reason": "deleted"}}]}', "no-users", "2 entries are marked \"@removed\""),
    ("group-entity.json", b'{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups/$entity", "id": "g1", "displayName": "Sales", "groupTypes": [], "mailEnabled": false, "securityEnabled": true}', "groups", "list of groups, not users"),
    ("service-principal-entity.json", b'{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity", "id": "sp1", "appId": "a1", "displayName": "Contoso SCIM", "servicePrincipalType": "Application"}', "not-users", "it has @odata keys but no \"value\" list of users"),
    ("users-context-without-list.json", b'{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "id": "1", "displayName": "A"}', "not-users", "it has @odata keys but no \"value\" list of users"),
]
with open(os.path.join(BAD, "expected.tsv"), "w", encoding="utf-8") as manifest:
    manifest.write("# file\tkind\tthe message contains\n")
    for name, data, kind, message in cases:
        write(BAD, name, data)
        manifest.write("%s\t%s\t%s\n" % (name, kind, message))
print("%d malformed files" % len(cases))
