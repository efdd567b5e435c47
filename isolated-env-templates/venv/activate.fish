# Activates this virtual environment in fish: `source bin/activate.fish` (written by kiln).
# `deactivate` restores PATH, PYTHONHOME and the prompt.

function deactivate -d "Leave the virtual environment"
    if set -q _KILN_OLD_PATH
        set -gx PATH $_KILN_OLD_PATH
        set -e _KILN_OLD_PATH
    end
    if set -q _KILN_OLD_PYTHONHOME
        set -gx PYTHONHOME $_KILN_OLD_PYTHONHOME
        set -e _KILN_OLD_PYTHONHOME
    end
    if functions -q _kiln_old_fish_prompt
        functions -e fish_prompt
        functions -c _kiln_old_fish_prompt fish_prompt
        functions -e _kiln_old_fish_prompt
    end
    set -e VIRTUAL_ENV
    set -e VIRTUAL_ENV_PROMPT
    if test "$argv[1]" != "nondestructive"
        functions -e deactivate
    end
end

# Leave any environment that is active now, keeping the function.
deactivate nondestructive

set -gx VIRTUAL_ENV __KILN_VENV_DIR__
set -gx VIRTUAL_ENV_PROMPT __KILN_VENV_PROMPT__
set -gx _KILN_OLD_PATH $PATH
set -gx PATH "$VIRTUAL_ENV/bin" $PATH

if set -q PYTHONHOME
    set -gx _KILN_OLD_PYTHONHOME $PYTHONHOME
    set -e PYTHONHOME
end

if test -z "$VIRTUAL_ENV_DISABLE_PROMPT"
    functions -c fish_prompt _kiln_old_fish_prompt
    function fish_prompt
        # Keep the exit status of the last command for the original prompt to show.
        set -l last_status $status
        printf "(%s) " $VIRTUAL_ENV_PROMPT
        echo "exit $last_status" | source
        _kiln_old_fish_prompt
    end
end
