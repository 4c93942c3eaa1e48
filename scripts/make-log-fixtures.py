#!/usr/bin/env python3
"""Writes tests/data/logs/: fictional Entra provisioning logs in every shape an admin gets them,
the users exported after the logs were written, and broken files.

The records follow Microsoft Graph's provisioningObjectSummary (microsoft-graph-docs-contrib,
api-reference/v1.0/resources/provisioningobjectsummary.md and the examples of
api/provisioningobjectsummary-list.md): provisioningAction, provisioningStatusInfo with
errorInformation, provisioningSteps with provisioningStepType and details (the import step's
details are the source values Azure read), modifiedProperties named as the SCIM app names its
attributes. The provision-on-demand result follows the example of
api/synchronization-synchronizationjob-provisionondemand.md. The admin center's CSV download is
three files joined by change ID (entra-docs howto-analyze-provisioning-logs.md); Microsoft does
not publish their headers, so these are the app's choice (see src/import/logs/csv.rs).

Run from the repository root. Plain Python 3."""
import csv
import io
import json
import os

ROOT = os.path.join("tests", "data", "logs")
BAD = os.path.join(ROOT, "broken")
os.makedirs(BAD, exist_ok=True)

ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
CONTEXT = "https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning"
SP = {"id": "5a7d3e10-0000-4000-8000-00000000aaaa", "displayName": "Secure Practice"}
AAD = {"id": "0404601d-a9c0-4ec7-bbcd-02660120d8c9", "displayName": "Azure Active Directory", "details": {}}
APP = {"id": "cd22f60b-5f2d-4a0d-adb4-76ef31db996b", "displayName": "Secure Practice",
       "details": {"ApplicationId": "f2764360-e0ec-4676-811e-cd6fc0d4dd61",
                   "ServicePrincipalId": SP["id"], "ServicePrincipalDisplayName": "Secure Practice"}}


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


# The users as Entra had them when the logs were written (source attribute names).
USERS = [
    {"objectId": "11111111-0000-4000-8000-000000000001", "userPrincipalName": "ase.overgard@vindel-instruments.example",
     "accountEnabled": "True", "IsSoftDeleted": "False", "displayName": "Åse Øvergård", "givenName": "Åse",
     "surname": "Øvergård", "mail": "ase.overgard@vindel-instruments.example", "mailNickname": "ase.overgard",
     "department": "Sales", "companyName": "Vindel Instruments AS", "employeeId": "1001", "jobTitle": "Key Account Manager"},
    {"objectId": "11111111-0000-4000-8000-000000000002", "userPrincipalName": "bjorn.lie@vindel-instruments.example",
     "accountEnabled": "True", "IsSoftDeleted": "False", "displayName": "Bjørn Lie", "givenName": "Bjørn",
     "surname": "Lie", "mail": "bjorn.lie@vindel-instruments.example", "mailNickname": "bjorn.lie",
     "department": "Marketing", "companyName": "Vindel Instruments AS", "employeeId": "1002"},
    {"objectId": "11111111-0000-4000-8000-000000000003", "userPrincipalName": "carla.mendes@vindel-instruments.example",
     "accountEnabled": "False", "IsSoftDeleted": "True", "displayName": "Carla Mendes", "givenName": "Carla",
     "surname": "Mendes", "mailNickname": "carla.mendes", "department": "Finance"},
    {"objectId": "11111111-0000-4000-8000-000000000004", "userPrincipalName": "dmitri.volkov@vindel-instruments.example",
     "accountEnabled": "True", "IsSoftDeleted": "False", "displayName": "Dmitri Volkov", "givenName": "Dmitri",
     "surname": "Volkov", "mailNickname": "dmitri.volkov", "department": "IT"},
    {"objectId": "11111111-0000-4000-8000-000000000005", "userPrincipalName": "eva.nilsen@vindel-instruments.example",
     "accountEnabled": "True", "IsSoftDeleted": "False", "displayName": "Eva Nilsen", "givenName": "Eva",
     "surname": "Nilsen", "mail": "eva.nilsen@vindel-instruments.example", "mailNickname": "eva.nilsen",
     "department": "Engineering", "companyName": "Vindel Instruments AS", "employeeId": "1005"},
]


def sent(user):
    """What Azure sent on create under the Secure Practice preset, named as the app names it."""
    props = [("userName", user["userPrincipalName"]), ("active", "True"), ("displayName", user["displayName"])]
    if "jobTitle" in user:
        props.append(("title", user["jobTitle"]))
    if "mail" in user:
        props.append(('emails[type eq "work"].value', user["mail"]))
    props += [("name.givenName", user["givenName"]), ("name.familyName", user["surname"]),
              ("name.formatted", user["givenName"] + " " + user["surname"]),
              ("externalId", user["mailNickname"])]
    if "employeeId" in user:
        props.append((ENT + ":employeeNumber", user["employeeId"]))
    props.append((ENT + ":department", user["department"]))
    if "companyName" in user:
        props.append((ENT + ":organization", user["companyName"]))
    return props


def record(n, user, action, status, steps, modified, error=None, when="2026-11-30T08:%02d:00Z"):
    return {
        "id": "aaaaaaaa-0000-4000-8000-%012d" % n,
        "activityDateTime": when % n,
        "tenantId": "74beb175-3b80-4b63-b9d5-6f0b76082b16",
        "jobId": "scim.74beb1753b804b63b9d56f0b76082b16.5a7d3e10-0000-4000-8000-00000000aaaa",
        "cycleId": "b6502552-018d-49bd-8869-a47194dc65c1",
        "changeId": "cccccccc-0000-4000-8000-%012d" % n,
        "provisioningAction": action,
        "durationInMilliseconds": 812,
        "provisioningStatusInfo": {"status": status, "errorInformation": error},
        "provisioningSteps": steps,
        "modifiedProperties": [{"displayName": k, "oldValue": old, "newValue": new} for k, old, new in modified],
        "servicePrincipal": SP,
        "sourceSystem": AAD,
        "targetSystem": APP,
        "initiatedBy": {"id": "", "displayName": "Azure AD Provisioning Service", "initiatorType": "system"},
        "sourceIdentity": {"id": user["objectId"], "displayName": user["displayName"], "identityType": "User", "details": {}},
        "targetIdentity": {"id": "" if action != "create" or status != "success" else "scim-%d" % n,
                           "displayName": "", "identityType": "urn:ietf:params:scim:schemas:core:2.0:User", "details": {}},
    }


def import_step(user):
    return {"name": "EntryImportAdd", "provisioningStepType": "import", "status": "success",
            "description": "Received User '%s' change of type (Add) from Azure Active Directory" % user["userPrincipalName"],
            "details": dict(user)}


def scoping(user, ok=True):
    return {"name": "EntrySynchronizationScoping", "provisioningStepType": "scoping", "status": "success",
            "description": "Determine if User in scope by evaluating against each scoping filter",
            "details": {"Active in the source system": user["accountEnabled"], "Assigned to the application": "True",
                        "User has the required role": "True" if ok else "False",
                        "Scoping filter evaluation passed": "True"}}


def skip_step(user, reason, text):
    return {"name": "EntrySynchronizationSkip", "provisioningStepType": "export", "status": "skipped",
            "description": text % user["userPrincipalName"], "details": {"SkipReason": reason}}


def matching(user, found):
    return {"name": "EntryImportByMatchingProperty", "provisioningStepType": "matching", "status": "success",
            "description": ("Retrieved '%s' from Secure Practice" if found else
                            "User '%s' will be created in Secure Practice (no matching User was found)") % user["userPrincipalName"],
            "details": ({"userName": user["userPrincipalName"], "active": "True", "id": "scim-2"} if found else {})}


def export(user, kind):
    return {"name": "EntryExport" + kind, "provisioningStepType": "export", "status": "success",
            "description": "User '%s' was %s in Secure Practice" % (user["userPrincipalName"], "created" if kind == "Add" else "updated"),
            "details": {"ReportableIdentifier": user["userPrincipalName"]}}


ase, bjorn, carla, dmitri, eva = USERS
NOT_ENTITLED = ("The User '%s' will be skipped due to the following reasons: 1) This object is not "
                "assigned to the application.")
records = [
    # Created, every value as the preview has it.
    record(1, ase, "create", "success", [import_step(ase), scoping(ase), matching(ase, False), export(ase, "Add")],
           [(k, None, v) for k, v in sent(ase)]),
    # Updated: department Sales -> Marketing (the later user export says "Sales & Marketing").
    record(2, bjorn, "update", "success", [import_step(bjorn), scoping(bjorn), matching(bjorn, True), export(bjorn, "Update")],
           [("accountDisabled", None, "False"), (ENT + ":department", "Sales", "Marketing")]),
    # Skipped, disabled: the preview skips her too.
    record(3, carla, "other", "skipped", [import_step(carla), scoping(carla),
                                          skip_step(carla, "NotEffectivelyEntitled", NOT_ENTITLED)], []),
    # Skipped as not entitled though enabled: not assigned; the preview would create him.
    record(4, dmitri, "other", "skipped", [import_step(dmitri), scoping(dmitri, False),
                                           skip_step(dmitri, "NotEffectivelyEntitled", NOT_ENTITLED)], []),
    # Created with name.formatted as "Nilsen, Eva" (another expression in the tenant): a real
    # disagreement with the preset's Join(" ", [givenName], [surname]).
    record(5, eva, "create", "success", [import_step(eva), scoping(eva), matching(eva, False), export(eva, "Add")],
           [(k, None, "Nilsen, Eva" if k == "name.formatted" else v) for k, v in sent(eva)]),
]
group = record(6, {"objectId": "22222222-0000-4000-8000-000000000001", "displayName": "Sales"}, "create", "success", [], [])
group["sourceIdentity"]["identityType"] = "Group"
records.append(group)

# --- Graph page (Graph Explorer, az rest) -------------------------------------------------
write(ROOT, "graph-page.json", json.dumps({"@odata.context": CONTEXT, "value": records}, ensure_ascii=False, indent=2))
# Two pages saved one after another; the first says more follow.
page1 = {"@odata.context": CONTEXT, "@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/provisioning?$skiptoken=abc",
         "value": records[:3]}
page2 = {"@odata.context": CONTEXT, "value": records[3:]}
write(ROOT, "graph-pages-pasted.json", json.dumps(page1, ensure_ascii=False) + "\n" + json.dumps(page2, ensure_ascii=False) + "\n")
write(ROOT, "graph-page-1-of-2.json", json.dumps(page1, ensure_ascii=False, indent=2))

# --- admin center "Download logs" JSON: a bare array, minified, UTF-8 with BOM ------------------
write(ROOT, "download.json", b"\xef\xbb\xbf" + json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


# --- Get-MgAuditLogProvisioning | ConvertTo-Json -Depth 10 (Windows PowerShell 5.1: UTF-16 LE) --
def pascal(key):
    return key[:1].upper() + key[1:]


def powershell(value, details=False):
    if isinstance(value, dict):
        if details:
            return {"AdditionalProperties": dict(value)}
        out = {}
        for k, v in value.items():
            out[pascal(k)] = powershell(v, details=(k == "details"))
        return out
    if isinstance(value, list):
        return [powershell(v) for v in value]
    return value


ps = [powershell(r) for r in records[:5]]
for r in ps:
    r["ProvisioningStatusInfo"]["ErrorInformation"] = r["ProvisioningStatusInfo"].pop("ErrorInformation")
ps_text = json.dumps(ps, ensure_ascii=False, indent=4).replace("\n", "\r\n")
write(ROOT, "mggraph.json", b"\xff\xfe" + ps_text.encode("utf-16-le"))

# --- provision on demand: provisionOnDemand's key/value pair ------------------------------
od_record = {
    "action": "Create", "changeId": "dddddddd-0000-4000-8000-000000000001", "endTime": "2026-11-30T09:00:01Z",
    "modifiedProperties": [{"displayName": k, "oldValue": None, "newValue": v} for k, v in sent(ase)],
    "provisioningSteps": [
        {"name": "EntryImport", "type": "Import", "status": "Success", "timestamp": "2026-11-30T09:00:00Z",
         "description": "Retrieved User '%s' from Azure Active Directory" % ase["userPrincipalName"], "details": dict(ase)},
        {"name": "EntrySynchronizationScoping", "type": "Scoping", "status": "Success", "timestamp": "2026-11-30T09:00:00Z",
         "description": "Determine if User in scope by evaluating against each scoping filter",
         "details": {"IsActive": "True", "Assigned": "True", "IsEffectivelyEntitledForProvisioning": "True"}},
        {"name": "EntryExportAdd", "type": "Export", "status": "Success", "timestamp": "2026-11-30T09:00:01Z",
         "description": "User '%s' was created in customappsso" % ase["userPrincipalName"], "details": {}},
    ],
    "reportableIdentifier": ase["userPrincipalName"],
    "statusInfo": {"status": "Success", "errorCode": None, "reason": None, "additionalDetails": None},
    "sourceIdentity": {"id": ase["objectId"], "type": "User", "displayName": None, "details": None},
    "targetIdentity": {"id": "scim-od-1", "type": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                       "displayName": None, "details": None},
    "sourceSystem": {"id": None, "name": "Azure Active Directory", "details": None},
    "targetSystem": {"id": None, "name": "customappsso", "details": None},
}
on_demand = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.stringKeyStringValuePair",
             "key": json.dumps({"result": "Success", "details": {}}), "value": json.dumps(od_record, ensure_ascii=False)}
write(ROOT, "on-demand.json", json.dumps(on_demand, ensure_ascii=False, indent=2))


# --- admin center "Download logs" CSV: three files -----------------------------------------
def csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


main_rows, step_rows, prop_rows = [], [], []
for r in records:
    err = r["provisioningStatusInfo"]["errorInformation"] or {}
    main_rows.append([r["activityDateTime"], r["sourceIdentity"]["identityType"], r["provisioningAction"].capitalize(),
                      r["provisioningStatusInfo"]["status"].capitalize(), r["sourceIdentity"]["id"],
                      r["sourceIdentity"]["displayName"], r["targetIdentity"]["id"], r["targetIdentity"]["displayName"],
                      r["changeId"], r["cycleId"], r["jobId"], err.get("errorCode") or "", err.get("reason") or ""])
    for s in r["provisioningSteps"]:
        step_rows.append([r["changeId"], s["name"], s["provisioningStepType"].capitalize(), s["status"].capitalize(),
                          s["description"], json.dumps(s["details"], ensure_ascii=False)])
    for p in r["modifiedProperties"]:
        prop_rows.append([r["changeId"], p["displayName"], p["oldValue"] or "", p["newValue"] or ""])
write(ROOT, "ProvisioningLogs.csv", b"\xef\xbb\xbf" + csv_text(
    ["Date (UTC)", "Identity Type", "Action", "Status", "Source ID", "Source Name", "Target ID", "Target Name",
     "Change ID", "Cycle ID", "Job ID", "Error Code", "Status Reason"], main_rows).encode("utf-8"))
write(ROOT, "ProvisioningLogs_ProvisioningSteps.csv", b"\xef\xbb\xbf" + csv_text(
    ["Change ID", "Step Name", "Step Type", "Status", "Description", "Details"], step_rows).encode("utf-8"))
write(ROOT, "ProvisioningLogs_ModifiedProperties.csv", b"\xef\xbb\xbf" + csv_text(
    ["Change ID", "Name", "Old Value", "New Value"], prop_rows).encode("utf-8"))

# --- the users exported after the logs (Graph /users): Bjørn's department changed since ------
later = []
for u in USERS:
    g = {"id": u["objectId"], "userPrincipalName": u["userPrincipalName"], "displayName": u["displayName"],
         "givenName": u["givenName"], "surname": u["surname"], "mail": u.get("mail"), "mailNickname": u["mailNickname"],
         "accountEnabled": u["accountEnabled"] == "True", "department": u["department"],
         "companyName": u.get("companyName"), "employeeId": u.get("employeeId"), "jobTitle": u.get("jobTitle")}
    if u is bjorn:
        g["department"] = "Sales & Marketing"
    later.append(g)
write(ROOT, "users-later.json", json.dumps({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
                                            "value": later}, ensure_ascii=False, indent=2))

# --- broken files -----------------------------------------------------------------------
full = json.dumps({"@odata.context": CONTEXT, "value": records}, ensure_ascii=False, indent=2)
write(BAD, "truncated.json", full[: len(full) // 2])
write(BAD, "graph-error.json", json.dumps({"error": {"code": "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
                                                     "message": "Neither tenant is B2C or tenant doesn't have premium license"}}))
write(BAD, "users-not-logs.json", json.dumps({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
                                              "value": later[:2]}, ensure_ascii=False))
write(BAD, "empty-page.json", json.dumps({"@odata.context": CONTEXT, "value": []}))
write(BAD, "empty.json", "")
write(BAD, "binary.json", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(0, 64)))
write(BAD, "not-json.json", '{"@odata.context": "%s", "value": [ {"id": 1,, } ] }' % CONTEXT)
write(BAD, "unknown-header.csv", "Name,Colour,Size\r\nA,Blue,3\r\n")
# Get-MgAuditLogProvisioning | ConvertTo-Json without -Depth: everything below two levels is a type name.
cut = []
for r in ps[:2]:
    r = dict(r)
    r["ProvisioningSteps"] = ["Microsoft.Graph.PowerShell.Models.MicrosoftGraphProvisioningStep"] * 3
    r["ProvisioningStatusInfo"] = "Microsoft.Graph.PowerShell.Models.MicrosoftGraphProvisioningStatusInfo"
    cut.append(r)
write(BAD, "mggraph-depth-2.json", json.dumps(cut, indent=4))
