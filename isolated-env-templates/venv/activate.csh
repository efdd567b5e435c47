# Activates this virtual environment in csh or tcsh: `source bin/activate.csh` (written by kiln).
# `deactivate` restores PATH and the prompt.

alias deactivate 'if ($?_KILN_OLD_PATH != 0) setenv PATH "$_KILN_OLD_PATH"; unset _KILN_OLD_PATH; if ($?_KILN_OLD_PROMPT != 0) set prompt="$_KILN_OLD_PROMPT"; unset _KILN_OLD_PROMPT; unsetenv VIRTUAL_ENV; unsetenv VIRTUAL_ENV_PROMPT; rehash; test "\!:*" != "nondestructive" && unalias deactivate'

# Leave any environment that is active now, keeping the alias.
deactivate nondestructive

setenv VIRTUAL_ENV __KILN_VENV_DIR__
setenv VIRTUAL_ENV_PROMPT __KILN_VENV_PROMPT__
set _KILN_OLD_PATH="$PATH"
setenv PATH "${VIRTUAL_ENV}/bin:${PATH}"

if (! $?VIRTUAL_ENV_DISABLE_PROMPT) then
    if ($?prompt) then
        set _KILN_OLD_PROMPT="$prompt"
        set prompt = "(${VIRTUAL_ENV_PROMPT}) $prompt"
    endif
endif

rehash
