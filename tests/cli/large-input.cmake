# Feeds the rnnparams command 10 MB of comments followed by the seed model; it must count it all.
set(line "# a comment line that pads the input to ten megabytes of model code ...........\n")
string(REPEAT "${line}" 1000 block)
string(REPEAT "${block}" 128 body)
file(WRITE "${WORK}/ten_megabytes.py" "${body}model.add(SimpleRNN(10, input_shape=(3, 1)))\nmodel.add(Dense(1))\n")
execute_process(COMMAND "${CLI}" --format json "${WORK}/ten_megabytes.py" OUTPUT_VARIABLE out RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT out MATCHES "\"total_params\":131")
  message(FATAL_ERROR "status ${status}: ${out}")
endif()
