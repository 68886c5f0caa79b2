# bash completion for mechcheck. Load it with
#   source scripts/completion/mechcheck.bash
# (or copy it to /usr/share/bash-completion/completions/mechcheck). It completes the commands,
# each command's options, claim ids (asked of the program itself: `mechcheck list --json`), the
# hypothesis names of --drop, and case files and directories.
_mechcheck() {
  local cur prev words cword
  _init_completion 2> /dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  }
  local program=${words[0]}
  local commands="list help explain check suite figure export probe findings"
  if [ "$cword" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi
  local command=${words[1]}
  local claims
  claims() { "$program" list --json 2> /dev/null | sed -n 's/^    "id": "\(.*\)",$/\1/p'; }
  case "$prev" in
    --json | --junit) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --html) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --out)
      if [ "$command" = export ]; then COMPREPLY=($(compgen -f -- "$cur")); else COMPREPLY=($(compgen -d -- "$cur")); fi
      return ;;
    --expect) COMPREPLY=($(compgen -W "holds refuted hypotheses_unmet inconclusive error" -- "$cur")); return ;;
    --drop)
      COMPREPLY=($(compgen -W "$("$program" list --json 2> /dev/null | sed -n 's/^        "name": "\(.*\)",$/\1/p' | sort -u)" -- "$cur"))
      return ;;
  esac
  local options
  case "$command" in
    list) options="--hypotheses --markdown --json --help" ;;
    findings) options="--json --markdown --help" ;;
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
    explain) COMPREPLY=($(compgen -W "$(claims)" -- "$cur")); return ;;
    check | suite)
      options="--json --junit --html --threads --limit --drop --digits --timeout --verbose --quiet --help"
      [ "$command" = check ] && options="$options --expect"
      if [ "$command" = check ] && [ "$cword" -eq 2 ] && [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$(claims)" -- "$cur"))
        return
      fi ;;
    figure | export) options="--out --set --help" ;;
    probe)
      options="--drop --set --seed --budget --out --report --json --help"
      if [ "$cword" -eq 2 ] && [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$(claims)" -- "$cur"))
        return
      fi ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -X '!*.toml' -- "$cur") $(compgen -d -- "$cur"))
  fi
}
complete -F _mechcheck mechcheck
