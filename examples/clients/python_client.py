#!/usr/bin/env python3
"""A tapedeck conformance client in Python, standard library only, to prove the runner is
language-agnostic. It reads one scenario per stdin line and prints one JSON answer per line.

Signing implemented: Alibaba RPC signature v1 (HMAC-SHA1, GET), Tencent API 2.0 HmacSHA256 (POST
form), Tencent API 3.0 TC3-HMAC-SHA256 (POST JSON), Huawei APIG SDK-HMAC-SHA256 (AK/SK).
Run: tapedeck conform --client "python3 examples/clients/python_client.py" [--persistent]
"""
import base64, hashlib, hmac, http.client, json, random, sys, time, uuid
import urllib.parse
import xml.etree.ElementTree as ET

LISTS = {"NonExistImageIds", "NonExistVideoIds", "ForbiddenVideoIds", "NonExistReferenceIds"}


def enc(text):
    return urllib.parse.quote(str(text), safe="-_.~")


def send(endpoint, method, path, headers=None, body=b""):
    url = urllib.parse.urlsplit(endpoint)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read().decode("utf-8")
    conn.close()
    return response.status, data


def as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        inner = list(value.values())
        return inner[0] if len(inner) == 1 and isinstance(inner[0], list) else inner
    return [value]


def alibaba(msg):
    cred = msg["credentials"]
    params = {k: str(v) for k, v in msg["params"].items()}
    params.update(Action=msg["action"], Version=msg["version"], Format=msg["format"].upper(),
                  AccessKeyId=cred["keyId"], SignatureMethod="HMAC-SHA1", SignatureVersion="1.0",
                  SignatureNonce=uuid.uuid4().hex,
                  Timestamp=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    query = "&".join(f"{enc(k)}={enc(params[k])}" for k in sorted(params))
    digest = hmac.new((cred.get("secret", "") + "&").encode(), f"GET&%2F&{enc(query)}".encode(), hashlib.sha1)
    signature = base64.b64encode(digest.digest()).decode()
    status, text = send(msg["endpoint"], "GET", f"/?{query}&Signature={enc(signature)}")
    if msg["format"] == "xml":
        root = ET.fromstring(text)
        if status >= 400:
            return {"ok": False, "error": {"code": root.findtext("Code"), "message": root.findtext("Message") or ""}}
        result = {}
        for child in root:
            if child.tag in LISTS:
                items = [c.text for c in child] if len(child) else ([child.text] if child.text else [])
                result.setdefault(child.tag, []).extend(items)
            elif child.tag != "RequestId":
                result[child.tag] = child.text
        return {"ok": True, "result": result}
    body = json.loads(text)
    if status >= 400:
        return {"ok": False, "error": {"code": body.get("Code"), "message": body.get("Message", "")}}
    return {"ok": True, "result": {k: (as_list(v) if k in LISTS else v) for k, v in body.items() if k != "RequestId"}}


def tencent_v2(msg):
    cred = msg["credentials"]
    host = urllib.parse.urlsplit(msg["endpoint"]).netloc
    params = {k: str(v) for k, v in msg["params"].items()}
    params.update(Action=msg["action"], Region="gz", Timestamp=str(int(time.time())),
                  Nonce=str(random.randint(1, 2**31 - 1)), SecretId=cred["keyId"], SignatureMethod="HmacSHA256")
    joined = "&".join(f"{k.replace('_', '.')}={params[k]}" for k in sorted(params))
    digest = hmac.new(cred.get("secret", "").encode(), f"POST{host}/v2/index.php?{joined}".encode(), hashlib.sha256)
    params["Signature"] = base64.b64encode(digest.digest()).decode()
    body = urllib.parse.urlencode(params).encode()
    _, text = send(msg["endpoint"], "POST", "/v2/index.php", {"Content-Type": "application/x-www-form-urlencoded"}, body)
    out = json.loads(text)
    if out.get("code") != 0:
        return {"ok": False, "error": {"code": str(out.get("code")), "message": out.get("message", "")}}
    return {"ok": True, "result": {}}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def tencent_v3(msg):
    cred = msg["credentials"]
    host = urllib.parse.urlsplit(msg["endpoint"]).netloc
    payload = json.dumps(msg["params"], ensure_ascii=False).encode()
    ts = int(time.time())
    date = time.strftime("%Y-%m-%d", time.gmtime(ts))
    ctype = "application/json; charset=utf-8"
    canonical = f"POST\n/\n\ncontent-type:{ctype}\nhost:{host}\n\ncontent-type;host\n{sha256(payload)}"
    scope = f"{date}/cvm/tc3_request"
    to_sign = f"TC3-HMAC-SHA256\n{ts}\n{scope}\n{sha256(canonical.encode())}"
    key = hmac.new(("TC3" + cred.get("secret", "")).encode(), date.encode(), hashlib.sha256).digest()
    key = hmac.new(key, b"cvm", hashlib.sha256).digest()
    key = hmac.new(key, b"tc3_request", hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers = {"Content-Type": ctype, "Host": host, "X-TC-Action": msg["action"], "X-TC-Version": msg["version"],
               "X-TC-Timestamp": str(ts), "X-TC-Region": "ap-guangzhou",
               "Authorization": f"TC3-HMAC-SHA256 Credential={cred['keyId']}/{scope}, SignedHeaders=content-type;host, Signature={signature}"}
    _, text = send(msg["endpoint"], "POST", "/", headers, payload)
    error = json.loads(text)["Response"].get("Error")
    if error:
        return {"ok": False, "error": {"code": error["Code"], "message": error.get("Message", "")}}
    return {"ok": True, "result": {}}


def huawei(msg):
    cred = msg["credentials"]
    host = urllib.parse.urlsplit(msg["endpoint"]).netloc
    path_params = msg.get("pathParams") or {}
    project = path_params.get("project_id") or cred.get("project", "")
    path = f"/v1/{enc(project)}/{enc(path_params.get('instance_name', ''))}/image"
    body = json.dumps(msg["params"], ensure_ascii=False).encode()
    date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    ctype = "application/json;charset=UTF-8"
    signed = "content-type;host;x-sdk-date"
    canonical = f"PUT\n{path}/\n\ncontent-type:{ctype}\nhost:{host}\nx-sdk-date:{date}\n\n{signed}\n{sha256(body)}"
    to_sign = f"SDK-HMAC-SHA256\n{date}\n{sha256(canonical.encode())}"
    signature = hmac.new(cred.get("secret", "").encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    headers = {"Content-Type": ctype, "Host": host, "X-Sdk-Date": date,
               "Authorization": f"SDK-HMAC-SHA256 Access={cred['keyId']}, SignedHeaders={signed}, Signature={signature}"}
    status, text = send(msg["endpoint"], "PUT", path, headers, body)
    out = json.loads(text)
    if status >= 400:
        return {"ok": False, "error": {"code": out.get("error_code"), "message": out.get("error_msg", "")}}
    return {"ok": True, "result": {}}


SCHEMES = {"alibaba-rpc": alibaba, "tencent-v2": tencent_v2, "tencent-v3": tencent_v3, "huawei-apig": huawei}


def answer(line):
    msg = json.loads(line)
    try:
        return SCHEMES[msg["protocol"]](msg)
    except KeyError as error:
        return {"notApplicable": f"scheme {error} is not implemented"}
    except Exception as error:  # reported as the client's own failure, never a silent exit
        return {"ok": False, "error": {"code": "E_PYTHON", "message": repr(error)}}


for line in sys.stdin:
    if line.strip():
        print(json.dumps(answer(line)), flush=True)
