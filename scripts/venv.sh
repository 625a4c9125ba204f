# Sourced by scripts/run and scripts/test: create .venv once, and reinstall only when
# pyproject.toml changed since the last install. The stamp file in .venv holds the hash of
# pyproject.toml and the extras installed with it ("test" for the test tools).
ensure_venv() {
  local extras="$1" stamp=.venv/.journeymapper-installed hash have=""
  hash=$( (sha256sum pyproject.toml 2>/dev/null || shasum -a 256 pyproject.toml) | cut -d' ' -f1)
  [ -f "$stamp" ] && have=$(cat "$stamp")
  if [ -x .venv/bin/python ] && [ "${have%% *}" = "$hash" ]; then
    [ -z "$extras" ] && return 0
    case " ${have#* } " in *" $extras "*) return 0 ;; esac
  fi
  [ -x .venv/bin/python ] || python3 -m venv .venv
  local spec=".[test]"
  [ -n "$extras" ] || spec="."
  # A venv that once had the test tools keeps them.
  case " ${have#* } " in *" test "*) spec=".[test]"; extras="test" ;; esac
  .venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
  echo "$hash $extras" > "$stamp"
}
