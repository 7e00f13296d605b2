# Data-parallel training on loopback (c10d Gloo, two processes): the same seed
# and global batch give the same loss curve with 1 and 2 ranks, through a
# kill-free resume too; a missing rank is a clear error, not a hang.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
string(RANDOM LENGTH 4 ALPHABET 0123456789 r)
math(EXPR port "20000 + ${r}")
set(TRAIN ${CLI} train --stage t2i --tiny --batch 8 --log-every 1 --threads 1)

function(check rc err what)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}): ${err}")
  endif()
endfunction()

# One rank: 4 steps, then resume to 6.
execute_process(COMMAND ${TRAIN} --steps 4 --work-dir ${WORK}/one RESULT_VARIABLE rc ERROR_VARIABLE err)
check("${rc}" "${err}" "one rank")
execute_process(COMMAND ${TRAIN} --steps 6 --resume --work-dir ${WORK}/one RESULT_VARIABLE rc ERROR_VARIABLE err)
check("${rc}" "${err}" "one rank, resumed")

# Two ranks sharing the work folder (rank 0 writes): execute_process runs its
# COMMANDs concurrently.
foreach(phase "--steps;4" "--steps;6;--resume")
  execute_process(
    COMMAND ${TRAIN} ${phase} --work-dir ${WORK}/two --world-size 2 --rank 0 --master 127.0.0.1:${port}
    COMMAND ${TRAIN} ${phase} --work-dir ${WORK}/two --world-size 2 --rank 1 --master 127.0.0.1:${port}
    RESULTS_VARIABLE rcs ERROR_VARIABLE err)
  if(NOT rcs STREQUAL "0;0")
    message(FATAL_ERROR "two ranks (${phase}) failed (${rcs}): ${err}")
  endif()
  math(EXPR port "${port} + 1")
endforeach()

file(STRINGS ${WORK}/one/loss.csv one)
file(STRINGS ${WORK}/two/loss.csv two)
list(LENGTH one n_one)
list(LENGTH two n_two)
if(NOT n_one EQUAL 7 OR NOT n_two EQUAL 7)
  message(FATAL_ERROR "expected a header and 6 steps: ${one} / ${two}")
endif()
set(distinct "")
foreach(i RANGE 1 6)
  list(GET one ${i} a)
  list(GET two ${i} b)
  string(REPLACE "," ";" a "${a}")
  string(REPLACE "," ";" b "${b}")
  list(GET a 1 loss_a)
  list(GET b 1 loss_b)
  # Equal to float tolerance: the first five characters (about 1e-4).
  string(SUBSTRING "${loss_a}" 0 5 ka)
  string(SUBSTRING "${loss_b}" 0 5 kb)
  if(NOT ka STREQUAL kb)
    message(FATAL_ERROR "step ${i}: loss ${loss_a} with 1 rank, ${loss_b} with 2 ranks")
  endif()
  list(APPEND distinct ${ka})
endforeach()
list(REMOVE_DUPLICATES distinct)
list(LENGTH distinct n_distinct)
if(n_distinct LESS 3)
  message(FATAL_ERROR "the loss hardly changes, so the comparison proves nothing: ${distinct}")
endif()

# A rank alone waits for its peer only until the timeout, then names the problem.
math(EXPR port "${port} + 1")
execute_process(COMMAND ${TRAIN} --steps 2 --work-dir ${WORK}/alone --world-size 2 --rank 0
                --master 127.0.0.1:${port} --dist-timeout 2
                RESULT_VARIABLE rc ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 1 OR NOT err MATCHES "cannot join the group at 127.0.0.1")
  message(FATAL_ERROR "a missing rank: expected exit 1 naming the rendezvous, got ${rc}: ${err}")
endif()
