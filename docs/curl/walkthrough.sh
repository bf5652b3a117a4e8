#!/usr/bin/env bash
# IntervAI with curl: register, log in, create a session, generate questions, pin, search, export a PDF,
# practise an answer, analytics and notifications. Needs curl and node (JSON is read with node -e, no jq).
#
#   bash docs/curl/walkthrough.sh                          # against http://localhost:8000 (npm start)
#   BASE_URL=http://localhost:9000 bash docs/curl/walkthrough.sh
#
# Every step prints its request and status; an unexpected status stops the script with the response body.
set -euo pipefail

BASE_URL="${BASE_URL:-http://localhost:8000}"
BASE_URL="${BASE_URL%/}"
MAX_POLLS="${MAX_POLLS:-60}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
JAR="$WORK/cookies.txt" # the login cookie `token` lives here
BODY="$WORK/body"       # the last response body
FLAT="$WORK/body.flat"  # the same, parsed (see json)
TOKEN=""                # the same token, sent as Authorization: Bearer
STATUS=""

step() { printf '\n==> %s\n' "$*"; }

# call METHOD PATH "EXPECTED STATUSES" [JSON BODY] [--no-cookie|--no-bearer]
# Sends the cookie jar and the Bearer token (unless told not to); the body goes to $BODY.
call() {
  local method=$1 path=$2 expected=$3 body=${4:-} only=${5:-}
  local args=(-sS -o "$BODY" -w '%{http_code}' -X "$method")
  [[ "$only" != --no-cookie ]] && args+=(-b "$JAR" -c "$JAR")
  [[ -n "$TOKEN" && "$only" != --no-bearer ]] && args+=(-H "Authorization: Bearer $TOKEN")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  rm -f "$FLAT"
  STATUS="$(curl "${args[@]}" "$BASE_URL$path")"
  echo "    $method $path -> $STATUS"
  if [[ " $expected " != *" $STATUS "* ]]; then
    echo "unexpected status $STATUS (expected $expected) for $method $path:" >&2
    cat "$BODY" >&2
    echo >&2
    exit 1
  fi
}

# json PATH: the value at a dotted path of the last response (strings raw, the rest as JSON); fails if absent.
# The body is parsed once (node -e, no jq) into "path<TAB>value" lines; lookups read those lines.
json() {
  [[ -f "$FLAT" ]] || node -e '
    let s = "";
    process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const out = [];
      const walk = (v, p) => {
        out.push(p + "\t" + (typeof v === "string" ? v : JSON.stringify(v)).replace(/\n/g, " "));
        if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, p ? p + "." + k : k);
      };
      walk(JSON.parse(s), "");
      process.stdout.write(out.join("\n") + "\n");
    });' <"$BODY" >"$FLAT"
  awk -F '\t' -v key="$1" '$1 == key { sub(/^[^\t]*\t/, ""); print; found = 1; exit } END { exit !found }' "$FLAT" ||
    {
      echo "no $1 in the response: $(cat "$BODY")" >&2
      return 3
    }
}

# poll PATH LABEL: GET the job status until it is completed (the body stays in $BODY); fails on failed.
poll() {
  local path=$1 label=$2 i status
  for ((i = 1; i <= MAX_POLLS; i++)); do
    # 503 dependency_unavailable (with Retry-After) means "try again shortly": a poller does.
    call GET "$path" "200 503" >/dev/null
    if [[ "$STATUS" == 503 ]]; then
      echo "    $label: 503 $(json code), polling again"
      sleep 1
      continue
    fi
    status="$(json status)"
    echo "    $label: $status ($(json progress)%)"
    case "$status" in
      completed) return 0 ;;
      failed)
        echo "$label failed: $(json error)" >&2
        exit 1
        ;;
    esac
    sleep 0.25
  done
  echo "$label not finished after $MAX_POLLS polls" >&2
  exit 1
}

RUN="$(date +%s)$RANDOM"
EMAIL="curl.$RUN@example.com"
PASSWORD="Orbit-Lantern-$RUN-Q7"

step "Health ($BASE_URL)"
call GET /health 200
echo "    status: $(json status)"

step "Register $EMAIL"
call POST /api/v1/user/register 201 "{\"fullname\":\"Ada Curl\",\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}"
echo "    $(json message)"

step "Log in (the cookie goes to the jar, data.token is kept for Bearer)"
call POST /api/v1/user/login 200 "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}"
TOKEN="$(json data.token)"
grep -q $'\ttoken\t' "$JAR" || {
  echo "no token cookie was set" >&2
  exit 1
}
echo "    token: ${TOKEN:0:16}... (expires in $(json data.expiresIn))"

step "Profile with the cookie only, then with the Bearer header only"
call GET /api/v1/user/profile 200 "" --no-bearer
echo "    cookie: $(json data.user.email)"
call GET /api/v1/user/profile 200 "" --no-cookie
echo "    bearer: $(json data.user.email)"

step "Create a session"
call POST /api/v1/session/create 201 \
  '{"role":"Backend Developer","experience":"mid-level","topicsToFocus":["Node.js","MongoDB"]}'
SESSION_ID="$(json data.session._id)"
echo "    session: $SESSION_ID"

step "Generate questions (201 from the cache, or 202 with a job to poll)"
call POST /api/v1/question/generate "201 202" "{\"sessionId\":\"$SESSION_ID\",\"count\":5}"
if [[ "$STATUS" == 202 ]]; then
  JOB_ID="$(json jobId)"
  echo "    job $JOB_ID, status at $(json checkStatusUrl)"
  poll "/api/v1/queue/question/$JOB_ID" generation
  echo "    generated $(json data.count) questions"
else
  echo "    $(json count) questions from the cache"
fi

step "List the session's questions"
call GET "/api/v1/question/session/$SESSION_ID" 200
QUESTION_ID="$(json data.questions.0._id)"
echo "    $(json count) questions; first: $(json data.questions.0.question)"

step "Pin the first question"
call PATCH "/api/v1/question/$QUESTION_ID/toggle-pin" 200
echo "    isPinned: $(json data.isPinned)"

step "Add a custom question and search for it"
call POST /api/v1/question/custom 201 "{\"sessionId\":\"$SESSION_ID\",\"question\":\"How would you design idempotency keys for a payment API?\",\"answer\":\"Store each key with the request fingerprint and the response; replay the stored response on a retry.\",\"difficulty\":\"hard\",\"tags\":[\"payments\"]}"
CUSTOM_ID="$(json data.question._id)"
call GET "/api/v1/question/search?q=idempotency&limit=5" 200
echo "    $(json count) result(s); first: $(json data.questions.0.question)"
[[ "$(json data.questions.0._id)" == "$CUSTOM_ID" ]] || {
  echo "search did not find the custom question" >&2
  exit 1
}

step "Export the session as PDF, wait for it, download it"
call POST "/api/v1/export/export/$SESSION_ID?format=pdf" 202
EXPORT_ID="$(json jobId)"
poll "/api/v1/export/status/$EXPORT_ID" export
DOWNLOAD_URL="$(json downloadUrl)"
PDF="$WORK/session.pdf"
DL_STATUS="$(curl -sS -o "$PDF" -w '%{http_code}' -b "$JAR" -H "Authorization: Bearer $TOKEN" "$BASE_URL$DOWNLOAD_URL")"
echo "    GET $DOWNLOAD_URL -> $DL_STATUS"
[[ "$DL_STATUS" == 200 ]] || {
  echo "download failed with $DL_STATUS" >&2
  exit 1
}
MAGIC="$(head -c 4 "$PDF")"
[[ "$MAGIC" == "%PDF" ]] || {
  echo "the download is not a PDF (starts with '$MAGIC')" >&2
  exit 1
}
echo "    $(wc -c <"$PDF" | tr -d ' ') bytes, starts with $MAGIC"

step "Practise: answer the pinned question and wait for its score"
call POST "/api/v1/question/$QUESTION_ID/attempts" 202 \
  '{"answer":"The event loop runs one callback at a time; slow work goes to the thread pool or a worker so the loop stays free."}'
ATTEMPT_ID="$(json jobId)"
poll "/api/v1/queue/evaluation/$ATTEMPT_ID" evaluation
echo "    score $(json data.attempt.score)/10: $(json data.attempt.feedback)"

step "Analytics"
call GET /api/v1/analytics/user 200
echo "    sessions $(json data.totalSessions), questions $(json data.totalQuestions), average score $(json data.averageScore)"

step "Notifications"
call GET "/api/v1/notifications?limit=10" 200
echo "    $(json count) notification(s), $(json data.unreadCount) unread"

step "Log out"
call POST /api/v1/user/logout 200
call GET /api/v1/user/profile 401 "" --no-cookie
echo "    the token is revoked"

printf '\nwalkthrough complete: %s (password %s)\n' "$EMAIL" "$PASSWORD"
