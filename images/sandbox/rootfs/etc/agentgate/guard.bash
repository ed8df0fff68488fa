# Sourced by every bash (BASH_ENV for `bash -c`, --rcfile for interactive shells): asks the gateway before
# running a command string. The container's network is the hard boundary; this guard gives the agent an
# early, explained refusal and an audit record for each command.
if [ -n "${BASH_EXECUTION_STRING:-}" ]; then
  if [ "${AGENTGATE_GUARDED_CMD-}" != "$BASH_EXECUTION_STRING" ]; then
    /usr/local/bin/agentgate-authorize "$BASH_EXECUTION_STRING" "$PWD" || exit 126
  fi
  unset AGENTGATE_GUARDED_CMD
elif [[ $- == *i* ]]; then
  shopt -s extdebug
  __agentgate_guard() {
    [ -n "${COMP_LINE:-}" ] && return 0
    local c="$BASH_COMMAND"
    case "$c" in __agentgate_guard*|"history "*) return 0;; esac
    /usr/local/bin/agentgate-authorize "$c" "$PWD"
  }
  trap '__agentgate_guard' DEBUG
fi
