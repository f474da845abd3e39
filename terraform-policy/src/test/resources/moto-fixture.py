"""Seeds moto_server like `make deploy-dev` seeds AWS, for the cloud script tests.

usage: moto-fixture.py ENDPOINT REGION cognito PREFIX   -> prints the stack outputs JSON
       moto-fixture.py ENDPOINT REGION logs GROUP        -> writes two log events

The passwords are made up here, stored in SSM as SecureString like terraform/cognito.tf does,
and never printed.
"""
import json
import secrets
import sys
import time

import boto3

endpoint, region, what, arg = sys.argv[1:5]
session = boto3.session.Session(region_name=region)

if what == "cognito":
    idp = session.client("cognito-idp", endpoint_url=endpoint)
    ssm = session.client("ssm", endpoint_url=endpoint)
    pool = idp.create_user_pool(
        PoolName=arg + "-users",
        Policies={"PasswordPolicy": {"MinimumLength": 16, "RequireUppercase": True, "RequireLowercase": True,
                                     "RequireNumbers": True, "RequireSymbols": False}},
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": True},
                {"Name": "role", "AttributeDataType": "String", "Mutable": True}],
    )["UserPool"]["Id"]
    client = idp.create_user_pool_client(
        UserPoolId=pool, ClientName=arg + "-smoke",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ReadAttributes=["custom:tenant", "custom:role"], WriteAttributes=["name"],
    )["UserPoolClient"]["ClientId"]
    prefix = "/%s/demo-users/" % arg
    users = {}
    for tenant in ("tenant-a", "tenant-b"):
        for role in ("intern", "analyst", "admin"):
            name = "demo-%s-%s" % (role, tenant[-1])
            password = "Aa1" + secrets.token_hex(12)
            idp.admin_create_user(UserPoolId=pool, Username=name, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "custom:tenant", "Value": tenant},
                                                  {"Name": "custom:role", "Value": role}])
            idp.admin_set_user_password(UserPoolId=pool, Username=name, Password=password, Permanent=True)
            ssm.put_parameter(Name=prefix + name, Value=password, Type="SecureString")
            users[name] = {"tenant": tenant, "role": role}
    outputs = {
        "api_url": "http://127.0.0.1:9",
        "user_pool_id": pool,
        "app_client_id": client,
        "demo_password_parameter_prefix": prefix,
        "demo_users": users,
    }
    print(json.dumps({k: {"sensitive": False, "value": v} for k, v in outputs.items()}))
elif what == "logs":
    logs = session.client("logs", endpoint_url=endpoint)
    logs.create_log_group(logGroupName=arg)
    logs.create_log_stream(logGroupName=arg, logStreamName="2026/11/27/[$LATEST]0")
    now = int(time.time() * 1000)
    logs.put_log_events(logGroupName=arg, logStreamName="2026/11/27/[$LATEST]0", logEvents=[
        {"timestamp": now - 2000, "message": '{"event":"request","route":"/whoami","status":401}'},
        {"timestamp": now - 1000, "message": '{"event":"access_denied","reason":"unauthenticated"}'},
    ])
else:
    sys.exit("unknown fixture " + what)
